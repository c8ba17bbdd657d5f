package dev.switchboard.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;

/** For tests that deploy and undeploy themselves: an embedded Jetty with TLS, and WARs written to disk. */
public final class Servers {

    private Servers() {
    }

    public static EmbeddedJetty start(SelfSignedCertificate certificate) throws Exception {
        return EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withTls(0, certificate.keyStore(), certificate.password()));
    }

    public static JettyEndpoints endpoints(EmbeddedJetty jetty, SelfSignedCertificate certificate) {
        return new JettyEndpoints(jetty.host(), jetty.httpPort(), jetty.httpsPort(), certificate);
    }

    /** Waits up to 10 s for the server to have no request open (a client sees a call end before Jetty's request does). */
    public static void assertNothingOpen(EmbeddedJetty jetty) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> open = jetty.openRequests();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            open = jetty.openRequests();
        }
        assertThat(open).as("requests still open on the server 10 s after their clients were done").isEmpty();
    }

    public static Path export(WebArchive war, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "test-", ".war");
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether unary gRPC calls are served on the thread that parsed them, and their service code (with the default
     * executor) on Switchboard's pool: on the embedded Jetty with its inline front over the Jetty-native transport (the
     * default execution), and on the Jetty distribution, whose jetty-base has the modules switchboard-grpc and
     * switchboard-front. {@code switchboard.test.container} names the container when it is not the embedded Jetty.
     */
    public static boolean unaryGrpcOnTheParsingThread() {
        String container = System.getProperty("switchboard.test.container");
        if (container != null) {
            return container.equals("jetty-standalone");
        }
        return !"false".equals(System.getProperty(EmbeddedJetty.NATIVE_TRANSPORT_PROPERTY)) && EmbeddedJetty.inlineGrpc();
    }
}
