package dev.switchboard.testing.jetty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a WAR (file or exploded directory) at "/" on {@link EmbeddedJetty} until Ctrl-C.
 *
 * <pre>
 * --war PATH        required (or -Dwar=PATH)
 * --host HOST       default 0.0.0.0
 * --port N          default 8080, 0 = random
 * --tls-port N      default -1 = off; otherwise TLS (h2 + http/1.1) with a generated self-signed certificate
 * --cert-out PATH   where that certificate's PEM goes, default target/switchboard-example-cert.pem
 * </pre>
 * Every option can also be given as a system property without the dashes (-Dtls-port=8443).
 */
public final class JettyLauncher {

    private JettyLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String war = option(options, "war", null);
        if (war == null) {
            System.err.println("Usage: JettyLauncher --war PATH [--host 0.0.0.0] [--port 8080] [--tls-port -1]"
                    + " [--cert-out target/switchboard-example-cert.pem]");
            System.exit(2);
        }
        String host = option(options, "host", "0.0.0.0");
        int port = Integer.parseInt(option(options, "port", "8080"));
        int tlsPort = Integer.parseInt(option(options, "tls-port", "-1"));
        Path certOut = Path.of(option(options, "cert-out", "target/switchboard-example-cert.pem"));

        EmbeddedJetty.Options jettyOptions = EmbeddedJetty.Options.defaults()
                .withHost(host).withHttpPort(port).withStopTimeout(Duration.ofSeconds(10));
        if (tlsPort >= 0) {
            SelfSignedCertificate certificate = SelfSignedCertificate.generate();
            Path parent = certOut.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(certOut, certificate.certificatePem(), StandardCharsets.US_ASCII);
            jettyOptions = jettyOptions.withTls(tlsPort, certificate.keyStore(), certificate.password());
        }

        EmbeddedJetty jetty = EmbeddedJetty.start(jettyOptions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "jetty-shutdown"));
        try {
            jetty.deploy(Path.of(war), "/");
        } catch (Exception e) {
            System.err.println("Could not deploy " + war + ": " + e);
            System.exit(1);
        }

        System.out.println("Switchboard example listening on http://" + host + ":" + jetty.httpPort()
                + " (HTTP/1.1 + h2c)");
        if (jetty.httpsPort() >= 0) {
            System.out.println("Switchboard example listening on https://" + host + ":" + jetty.httpsPort()
                    + " (HTTP/1.1 + h2, self-signed certificate written to " + certOut.toAbsolutePath() + ")");
        }
        stopped.await();
    }

    /** "--name value" and "--name=value" pairs; system properties of the same name (without dashes) as fallback. */
    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("Missing value for " + arg);
            }
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        return options.getOrDefault(name, System.getProperty(name, fallback));
    }
}
