package dev.switchboard.testing.wildfly;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;
import org.jboss.as.arquillian.container.managed.ManagedDeployableContainer;

import dev.switchboard.testing.jetty.JettyEmbeddedContainer;
import dev.switchboard.testing.jetty.JettyEndpointsResourceProvider;

/**
 * Puts WildFly's managed container in place of the embedded Jetty one, which stays on the test class path (tests
 * compile against it, and use its {@code JettyEndpoints}): Arquillian takes exactly one {@link DeployableContainer}.
 * {@code @ArquillianResource JettyEndpoints} then describes the WildFly server ({@link WildFlyEndpointsProvider}).
 */
public final class WildFlyExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, JettyEmbeddedContainer.class, ManagedDeployableContainer.class)
                .override(ResourceProvider.class, JettyEndpointsResourceProvider.class, WildFlyEndpointsProvider.class);
    }
}
