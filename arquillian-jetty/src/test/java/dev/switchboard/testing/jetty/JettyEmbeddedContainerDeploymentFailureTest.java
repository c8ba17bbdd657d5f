package dev.switchboard.testing.jetty;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WARs that fail to start make the container's deploy() throw Arquillian's DeploymentException. Arquillian
 * unwraps that and searches its cause chain for the type expected here, so these prove the cause is attached:
 * the listener's IllegalStateException, and Weld's DeploymentException (WELD-001408, unsatisfied injection).
 */
@ExtendWith(ArquillianExtension.class)
class JettyEmbeddedContainerDeploymentFailureTest {

    @Deployment(name = "failing-listener", testable = false)
    @ShouldThrowException(IllegalStateException.class)
    static WebArchive failingListener() {
        return TestWars.failingListener("failing-listener.war");
    }

    @Deployment(name = "unsatisfied", testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive unsatisfiedInjection() {
        return TestWars.unsatisfiedInjection("unsatisfied.war");
    }

    @Test
    void deploymentsFailedAsExpected() {
        // Arquillian itself fails the class if a deployment did not throw what @ShouldThrowException says.
    }
}
