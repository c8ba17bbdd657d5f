package dev.switchboard.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;

/**
 * Armeria serving a gRPC service with its {@code google.api.http} transcoding, in a JVM of its own (the module
 * armeria-yardstick: Armeria runs on Netty 4.2, this class path has Netty 4.1), on a free loopback port. Its class path
 * is the one that module's build wrote (system property {@value #CLASSPATH_FILE}), its classes, and this JVM's test
 * classes for the service. It stops when this JVM closes its standard input — or ends, however it ends.
 */
public final class ArmeriaYardstick implements AutoCloseable {

    /** The file armeria-yardstick's build writes its runtime class path to (switchboard/pom.xml sets it). */
    public static final String CLASSPATH_FILE = "switchboard.test.armeria-classpath";

    private static final String MAIN = "dev.switchboard.yardstick.ArmeriaTranscodingServer";

    private final Process process;
    private final int port;

    private ArmeriaYardstick(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with {@code service} and waits (at most a minute) until it listens. */
    public static ArmeriaYardstick serve(Class<? extends BindableService> service)
            throws IOException, InterruptedException, URISyntaxException {
        Path classpathFile = Path.of(System.getProperty(CLASSPATH_FILE, "../armeria-yardstick/target/classpath.txt"));
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile.toAbsolutePath() + " is missing: build the module armeria-yardstick first"
                    + " (the reactor does; alone: mvn -o -q -pl armeria-yardstick package)");
        }
        String classpath = String.join(java.io.File.pathSeparator,
                classpathFile.resolveSibling("classes").toString(),
                Files.readString(classpathFile).strip(),
                Path.of(service.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        Path log = classpathFile.resolveSibling("armeria-yardstick.log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, MAIN, service.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<String> port = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("port ")).findFirst();
            if (port.isPresent()) {
                return new ArmeriaYardstick(process, Integer.parseInt(port.get().substring(5).strip()));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Armeria did not start within a minute: " + Files.readString(log));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
