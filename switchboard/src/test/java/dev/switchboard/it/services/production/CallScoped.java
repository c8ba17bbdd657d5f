package dev.switchboard.it.services.production;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/** One per call. */
@RequestScoped
public class CallScoped {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
