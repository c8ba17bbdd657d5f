package dev.switchboard.testing.jetty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Its injection point cannot be satisfied: Weld must refuse the deployment of a WAR holding it. */
@ApplicationScoped
public class BrokenBean {

    /** No bean implements this. */
    public interface Missing {
    }

    @Inject
    Missing missing;
}
