package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.testing.integration.TestServiceClient;

/**
 * grpc-java's interop client, {@link TestServiceClient} (io.grpc:grpc-interop-testing), run in this JVM through its own
 * {@code main} and command-line flags, so that every setting is the client's own: its Netty channel with the 65 KiB
 * HTTP/2 flow-control window ({@code AbstractInteropTest.TEST_FLOW_CONTROL_WINDOW}), the default 4 MiB inbound message
 * limit, 15 s per operation, and for {@code rpc_soak}/{@code channel_soak} 10 iterations of a 271,828-byte request and a
 * 314,159-byte reply, none allowed to fail (but see {@link #SOAK_TIME_LIMITS}).
 *
 * <p>Over TLS the client uses {@code TlsChannelCredentials.create()}: the JVM's default trust. Rather than a channel
 * builder of our own, the run points that default trust store ({@code javax.net.ssl.trustStore}) at the server's
 * self-signed certificate while the case runs, and puts the previous settings back after. The JDK reads those
 * properties again whenever they change, and Netty asks for the default trust managers for each new channel.
 */
public final class InteropClient {

    /**
     * The one default not kept: the soak cases' time limits (1 s per iteration, 10 s in all), which are speed, not
     * correctness. channel_soak over TLS (a new connection per iteration) took 1,046 and 1,079 ms for two of its ten
     * iterations on WildFly with the machine's load average at 15. The iteration count, sizes, and zero failures
     * allowed stay as they are.
     */
    private static final List<String> SOAK_TIME_LIMITS = List.of(
            "--soak_per_iteration_max_acceptable_latency_ms=10000", "--soak_overall_timeout_seconds=100");
    private static final char[] TRUST_STORE_PASSWORD = "interop".toCharArray();
    private static final List<String> TRUST_PROPERTIES = List.of(
            "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");
    private static final Map<SelfSignedCertificate, Path> TRUST_STORES = new HashMap<>();

    private InteropClient() {
    }

    /** Runs one case (e.g. {@code large_unary}) over h2c; an AssertionError naming it, and why, when it fails. */
    public static void runH2c(String host, int port, String testCase) {
        run(flags(host, port, testCase, "--use_tls=false"));
    }

    /** Runs one case over TLS, trusting {@code server}'s certificate (issued for localhost and 127.0.0.1). */
    public static synchronized void runTls(String host, int port, SelfSignedCertificate server, String testCase) {
        Map<String, String> previous = new HashMap<>();
        TRUST_PROPERTIES.forEach(p -> previous.put(p, System.getProperty(p)));
        System.setProperty("javax.net.ssl.trustStore", trustStore(server).toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(TRUST_STORE_PASSWORD));
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        try {
            run(flags(host, port, testCase, "--use_tls=true"));
        } finally {
            previous.forEach((p, value) -> {
                if (value == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, value);
                }
            });
        }
    }

    /**
     * Runs the client with what it prints ("Running test ...", "Test completed.") kept out of the build's log and put
     * in the failure instead, with the case and flags (the reports show a parameterized test's index, not its name).
     */
    private static synchronized void run(List<String> flags) {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            TestServiceClient.main(flags.toArray(String[]::new));
        } catch (Throwable e) {
            throw new AssertionError("TestServiceClient " + String.join(" ", flags) + ": " + e + "\nIt printed:\n"
                    + printed.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(console);
        }
    }

    private static List<String> flags(String host, int port, String testCase, String tls) {
        // Only flags TestServiceClient knows: on an unknown one it prints its usage and calls System.exit.
        List<String> flags = new ArrayList<>(List.of("--server_host=" + host, "--server_port=" + port, "--test_case=" + testCase, tls));
        if (testCase.endsWith("_soak")) {
            flags.addAll(SOAK_TIME_LIMITS);
        }
        return flags;
    }

    private static Path trustStore(SelfSignedCertificate server) {
        return TRUST_STORES.computeIfAbsent(server, certificate -> {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("server", certificate.certificate());
                Path file = Files.createTempFile("interop-trust", ".p12");
                file.toFile().deleteOnExit();
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, TRUST_STORE_PASSWORD);
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
