package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * A real Connect client, {@code @connectrpc/connect-node} from npm (versions pinned in src/test/node/package-lock.json,
 * installed by this test with {@code npm ci}), calls the example over HTTP/1.1 and HTTP/2 (h2c), in JSON and in
 * binary: unary, the seed's error, and server streaming. Skipped, saying so, where node or npm is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(ShrinkWrap.create(ZipImporter.class, "example.war")
                .importFrom(new File("target/switchboard-example.war")).as(WebArchive.class));
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void connectNodeCallsTheExample() throws Exception {
        assumeTrue(run(List.of("node", "--version"), Path.of(".")).exitValue() == 0, "node is not installed");
        Path dir = Files.createDirectories(Path.of("target/connect-client"));
        for (String file : List.of("package.json", "package-lock.json", "connect_client.mjs")) {
            Files.copy(Path.of("src/test/node", file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Process install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir);
            assertThat(install.exitValue()).as(output(install)).isZero();
        }
        Process client = run(List.of("node", "connect_client.mjs", String.valueOf(endpoints.httpPort())), dir);
        String output = output(client);
        assertThat(client.exitValue()).as(output).isZero();
        for (String transport : List.of("http/1.1 json", "http/1.1 proto", "http/2 json", "http/2 proto")) {
            assertThat(output.lines()).as(output).contains(
                    transport + " unary: Hello, World!",
                    transport + " error: InvalidArgument Invalid request",
                    transport + " stream: Hello, Stream! (1/2) | Hello, Stream! (2/2)");
        }
    }

    private static String output(Process process) throws Exception {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Process run(List<String> command, Path dir) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return new ProcessBuilder("false").start();
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return process;
    }
}
