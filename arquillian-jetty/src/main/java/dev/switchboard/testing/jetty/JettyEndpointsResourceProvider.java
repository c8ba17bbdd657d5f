package dev.switchboard.testing.jetty;

import java.lang.annotation.Annotation;

import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/** Provides {@code @ArquillianResource JettyEndpoints} from what {@link JettyEmbeddedContainer} produced at start. */
public final class JettyEndpointsResourceProvider implements ResourceProvider {

    @Inject
    private Instance<JettyEndpoints> endpoints;

    @Override
    public boolean canProvide(Class<?> type) {
        return JettyEndpoints.class.isAssignableFrom(type);
    }

    @Override
    public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
        JettyEndpoints value = endpoints.get();
        if (value == null) {
            throw new IllegalStateException("No JettyEndpoints: is the jetty-embedded container started?");
        }
        return value;
    }
}
