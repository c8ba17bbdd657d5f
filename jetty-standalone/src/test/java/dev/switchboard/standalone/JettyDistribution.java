package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Jetty distribution run as users run it: {@code java -jar $JETTY_HOME/start.jar jetty.base=... key=value...} in its
 * own process (output to a log file), on loopback, until {@link #stop()}.
 */
final class JettyDistribution {

    static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path log;
    private final int httpPort;

    private JettyDistribution(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code start.jar} with {@code properties} (e.g. {@code jetty.http.port=...}); {@code httpPort} is one of them. */
    static JettyDistribution start(Path home, Path base, int httpPort, List<String> properties) throws IOException {
        Path log = Files.createTempFile("jetty-standalone-", ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base));
        command.addAll(properties);
        Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new JettyDistribution(process, log, httpPort);
    }

    /**
     * Runs {@code start.jar --add-modules=...} once in {@code base} (created if missing), as a user makes a jetty-base,
     * and fails with start.jar's output if it does.
     */
    static void createBase(Path home, Path base, String modules) throws IOException, InterruptedException {
        Files.createDirectories(base);
        Path output = Files.createTempFile("jetty-base-", ".log");
        Process process = new ProcessBuilder(javaExecutable(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base, "--approve-all-licenses", "--add-modules=" + modules)
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (!exited || process.exitValue() != 0) {
            throw new IllegalStateException("start.jar --add-modules=" + modules + " failed:\n" + Files.readString(output));
        }
    }

    /**
     * Waits until the example answers a JSON call on the HTTP port (the WAR is deployed) and every other port is
     * listening; fails with the log when the process exits, Jetty logs that the WAR failed to start, or time is up.
     */
    void awaitServing(Duration timeout, int... otherPorts) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jetty exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.readString(log).contains("Failed startup of context")) {
                throw new IllegalStateException("Jetty did not deploy the example:\n" + Files.readString(log));
            }
            if (portOpen(httpPort) && allOpen(otherPorts)) {
                try {
                    if (postJson(client, uri("http", httpPort, "/grpc/greeterservice/sayhello"), "{}").statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not yet
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Jetty did not serve the example within " + timeout + ":\n" + Files.readString(log));
    }

    /** SIGTERM (Jetty's shutdown hook stops the server gracefully); prints the log; asserts it stopped and let go of the port. */
    void stop() throws Exception {
        process.destroy();
        boolean stopped = process.waitFor(30, TimeUnit.SECONDS);
        if (!stopped) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        System.out.println("--- standalone Jetty log (" + log + ") ---\n" + Files.readString(log));
        assertThat(stopped).as("Jetty stopped within 30 s of SIGTERM").isTrue();
        assertThat(portOpen(httpPort)).as("HTTP port closed after stop").isFalse();
    }

    static URI uri(String scheme, int port, String path) {
        return URI.create(scheme + "://" + HOST + ":" + port + path);
    }

    static HttpResponse<String> postJson(HttpClient client, URI uri, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run with mvn -Pjetty-standalone");
        }
        return value;
    }

    private static boolean allOpen(int... ports) {
        for (int port : ports) {
            if (!portOpen(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
