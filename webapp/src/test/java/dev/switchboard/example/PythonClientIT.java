package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The client language of Ravyn's example: Python's grpcio ({@code grpc.aio}, Debian's python3-grpcio, which .ci/run installs)
 * calls Greeter/SayHello on the example's port: the example's call and error, then, at grpcio's default channel options
 * over h2c and TLS, large messages and many calls at once on one channel ({@link ClientScenarios}, the same as
 * GrpcJsClientIT's). Skipped, saying so, where python3 has no grpc module.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PythonClientIT {

    private static final String PYTHON = "/usr/bin/python3";
    /** greeter_pb2.py, which the proto module generates */
    private static final Path PROTOS = Path.of("../proto/target/generated-sources/protobuf/python").toAbsolutePath();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void pythonGrpcioCallsTheExample() throws Exception {
        assumeGrpcio();
        Process client = run(List.of(PYTHON, "src/test/python/seed_client.py", String.valueOf(endpoints.httpPort()), PROTOS.toString()));
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.exitValue()).as(output).isZero();
        assertThat(output.lines()).containsExactly("Hello, World!", "INVALID_ARGUMENT Invalid request");
    }

    @Test
    void pythonGrpcioLargeMessagesAndManyCallsAtOnce() throws Exception {
        assumeGrpcio();
        Process client = run(List.of(PYTHON, "src/test/python/large_concurrent_client.py", String.valueOf(endpoints.httpPort()),
                String.valueOf(endpoints.httpsPort()), ClientScenarios.certificatePem(endpoints).toString(), PROTOS.toString()));
        String output = NodeProject.output(client);
        assertThat(ClientScenarios.reported(output)).as(output).containsExactlyElementsOf(ClientScenarios.allOk());
        assertThat(client.exitValue()).as(output).isZero();
    }

    private static void assumeGrpcio() throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import grpc")).exitValue() == 0,
                "python3 with grpcio is not installed (apt-get install python3-grpcio python3-protobuf)");
    }

    private static Process run(List<String> command) throws Exception {
        return NodeProject.run(command, Path.of("."));
    }
}
