package dev.switchboard.testing.standalone;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

import dev.switchboard.testing.jetty.JettyEmbeddedContainer;

/**
 * Puts {@link StandaloneJettyContainer} in place of the embedded Jetty one (Arquillian takes exactly one
 * {@link DeployableContainer}), in a test run that launches the arquillian.xml container {@value #QUALIFIER}
 * ({@code -Darquillian.launch=jetty-standalone}) and only there: in the same module's other Failsafe execution this
 * jar is on the class path too, and the embedded container must stay. The embedded container's resource provider
 * stays: it serves the {@code JettyEndpoints} this container produces.
 */
public final class StandaloneJettyExtension implements LoadableExtension {

    public static final String QUALIFIER = "jetty-standalone";

    @Override
    public void register(ExtensionBuilder builder) {
        if (QUALIFIER.equals(System.getProperty("arquillian.launch"))) {
            builder.override(DeployableContainer.class, JettyEmbeddedContainer.class, StandaloneJettyContainer.class);
        }
    }
}
