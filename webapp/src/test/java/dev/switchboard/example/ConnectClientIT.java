package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * A real Connect client, {@code @connectrpc/connect-node} from npm (versions pinned in src/test/node/package-lock.json,
 * installed with {@code npm ci}), calls the example over HTTP/1.1 and HTTP/2 (h2c), in JSON and in
 * binary: unary, the example's error, and server streaming — with the origin as its base URL (Connect at each
 * method's own path, {@code /Greeter/SayHello}) and with the gateway's path ({@code /grpc}); then its gRPC-Web
 * transport at the origin over HTTP/1.1 and h2c, and its gRPC transport over h2c. Skipped, saying so, where node or npm
 * is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void connectNodeCallsTheExample() throws Exception {
        assumeTrue(NodeProject.nodeAvailable(), "node and npm are not installed");
        String output = NodeProject.runInstalled("node", "connect_client.mjs", String.valueOf(endpoints.httpPort()));
        for (String transport : List.of("http/1.1 json", "http/1.1 proto", "http/2 json", "http/2 proto")) {
            for (String where : List.of("origin ", "gateway ")) {
                assertThat(output.lines()).as(output).contains(
                        where + transport + " unary: Hello, World!",
                        where + transport + " error: InvalidArgument Invalid request",
                        where + transport + " stream: Hello, Stream! (1/2) | Hello, Stream! (2/2)");
            }
        }
        for (String transport : List.of("grpc-web http/1.1", "grpc-web http/2", "grpc http/2")) {
            assertThat(output.lines()).as(output).contains(
                    transport + " unary: Hello, World!",
                    transport + " error: InvalidArgument Invalid request",
                    transport + " stream: Hello, Stream! (1/2) | Hello, Stream! (2/2)");
        }
    }
}
