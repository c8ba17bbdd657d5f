package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Node's gRPC client, {@code @grpc/grpc-js} (with {@code @grpc/proto-loader} reading the seed's greeter.proto; versions
 * pinned in src/test/node/package-lock.json, installed with {@code npm ci}), at its default channel options, over h2c
 * and TLS: SayHello with a 30,000-character name alone, 20 at once on one channel (on 10 new channels in turn) and 100
 * at once (3 channels), with a 1,000,000-character name alone and 20 at once, and 20 server streams of 100 such
 * 30,000-character replies at once. Every call must succeed with its own reply. Skipped, saying so, where node or
 * npm is missing.
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
        Path caPem = dir.resolve("server-certificate.pem");
        Files.writeString(caPem, endpoints.certificate().certificatePem(), StandardCharsets.US_ASCII);
        Path proto = Path.of("../proto/src/main/proto/greeter.proto").toAbsolutePath();
        Process client = NodeProject.run(List.of("node", "grpc_js_client.mjs", proto.toString(),
                String.valueOf(endpoints.httpPort()), String.valueOf(endpoints.httpsPort()), caPem.toAbsolutePath().toString()), dir);
        String output = NodeProject.output(client);
        // node's own warnings (e.g. DEP0123 for the TLS server name 127.0.0.1) come on the same stream
        assertThat(output.lines().filter(line -> line.startsWith("h2c ") || line.startsWith("tls ")))
                .as(output).containsExactlyElementsOf(expected());
        assertThat(client.exitValue()).as(output).isZero();
    }

    private static List<String> expected() {
        List<String> lines = new ArrayList<>();
        for (String transport : List.of("h2c", "tls")) {
            lines.addAll(List.of(
                    transport + " 30000 chars x1: 1/1 ok",
                    transport + " 30000 chars 20 at once, 10 channels: 200/200 ok",
                    transport + " 30000 chars 100 at once, 3 channels: 300/300 ok",
                    transport + " 1000000 chars x1: 1/1 ok",
                    transport + " 1000000 chars 20 at once: 20/20 ok",
                    transport + " stream of 100 x 30000 chars, 20 at once: 20/20 ok"));
        }
        return lines;
    }
}
