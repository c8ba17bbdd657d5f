package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The seed's own client language: Python's grpcio ({@code grpc.aio}, Debian's python3-grpcio, which .ci/run installs)
 * calls Greeter/SayHello on the example's port. Skipped, saying so, where python3 has no grpc module.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PythonClientIT {

    private static final String PYTHON = "/usr/bin/python3";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(ShrinkWrap.create(ZipImporter.class, "example.war")
                .importFrom(new File("target/switchboard-example.war")).as(WebArchive.class));
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void pythonGrpcioCallsTheExample() throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import grpc")).exitValue() == 0,
                "python3 with grpcio is not installed (apt-get install python3-grpcio python3-protobuf)");
        Path protos = Path.of("../proto/target/generated-sources/protobuf/python").toAbsolutePath();
        Process client = run(List.of(PYTHON, "src/test/python/seed_client.py", String.valueOf(endpoints.httpPort()), protos.toString()));
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.exitValue()).as(output).isZero();
        assertThat(output.lines()).containsExactly("Hello, World!", "INVALID_ARGUMENT Invalid request");
    }

    private static Process run(List<String> command) throws Exception {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            return new ProcessBuilder("false").start();
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return process;
    }
}
