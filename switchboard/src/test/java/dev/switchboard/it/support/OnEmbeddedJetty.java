package dev.switchboard.it.support;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;

/**
 * For the test classes that start an embedded Jetty (plaintext and TLS, random ports) of their own and deploy,
 * undeploy or fail WARs through its API rather than through Arquillian: one server per class.
 */
public abstract class OnEmbeddedJetty {

    protected static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
    protected static EmbeddedJetty jetty;
    protected static JettyEndpoints endpoints;

    /** Where the classes write their WARs. */
    @TempDir
    protected static Path dir;

    @BeforeAll
    static void startJetty() throws Exception {
        jetty = Servers.start(CERTIFICATE);
        endpoints = Servers.endpoints(jetty, CERTIFICATE);
    }

    @AfterAll
    static void stopJetty() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }
}
