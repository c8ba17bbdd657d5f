package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Node's gRPC client, {@code @grpc/grpc-js} (with {@code @grpc/proto-loader} reading the example's greeter.proto; versions
 * pinned in src/test/node/package-lock.json, installed with {@code npm ci}), at its default channel options, over h2c
 * and TLS ({@link ClientScenarios}): SayHello with a 30,000-character name alone, 20 at once on one channel (on 10
 * new channels in turn) and 100 at once (3 channels), with a 1,000,000-character name alone and 20 at once, and 20
 * server streams of 100 such 30,000-character replies at once. Every call must succeed with its own reply. Skipped,
 * saying so, where node or npm is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcJsClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void grpcJsLargeMessagesAndManyCallsAtOnce() throws Exception {
        assumeTrue(NodeProject.nodeAvailable(), "node and npm are not installed");
        Path dir = NodeProject.installed();
        Path proto = Path.of("../proto/src/main/proto/greeter.proto").toAbsolutePath();
        Process client = NodeProject.run(List.of("node", "grpc_js_client.mjs", proto.toString(),
                String.valueOf(endpoints.httpPort()), String.valueOf(endpoints.httpsPort()), ClientScenarios.certificatePem(endpoints).toString()), dir);
        String output = NodeProject.output(client);
        // node's own warnings (e.g. DEP0123 for the TLS server name 127.0.0.1) come on the same stream
        assertThat(ClientScenarios.reported(output)).as(output).containsExactlyElementsOf(ClientScenarios.allOk());
        assertThat(client.exitValue()).as(output).isZero();
    }
}
