package dev.switchboard.testing.jetty;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/** Registers the embedded Jetty container and the {@link JettyEndpoints} resource with Arquillian. */
public final class JettyEmbeddedExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, JettyEmbeddedContainer.class)
                .service(ResourceProvider.class, JettyEndpointsResourceProvider.class);
    }
}
