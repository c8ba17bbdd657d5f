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

import com.google.gson.JsonParser;

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * A third-party client with no .proto files: {@code buf curl} (npm {@code @bufbuild/buf}) lists the example's
 * methods through server reflection and calls Greeter/SayHello with the schema it learnt there — with its defaults
 * (the Connect protocol) and over native gRPC.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReflectionClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    /**
     * {@code buf curl} as it comes: protocol Connect; for an http URL with reflection (a bidi stream) buf itself picks
     * HTTP/2 with prior knowledge (h2c). Reflection answers over Connect at its own method path, and so does the call.
     */
    @Test
    void bufCurlWithItsDefaultsListsAndCalls() throws Exception {
        assumeTrue(NodeProject.nodeAvailable(), "node and npm are not installed");
        String buf = NodeProject.installed().resolve("node_modules/.bin/buf").toAbsolutePath().toString();
        String server = "http://127.0.0.1:" + endpoints.httpPort();

        Process list = NodeProject.run(List.of(buf, "curl", "--list-methods", server), NodeProject.DIR);
        String methods = NodeProject.output(list);
        assertThat(list.exitValue()).as(methods).isZero();
        assertThat(methods.lines()).contains("Greeter/SayHello", "Greeter/SayHelloStream", "grpc.health.v1.Health/Check");

        Process call = NodeProject.run(List.of(buf, "curl", "-v", "-d", "{\"name\":\"World\"}", server + "/Greeter/SayHello"),
                NodeProject.DIR);
        String output = NodeProject.output(call);
        assertThat(call.exitValue()).as(output).isZero();
        // -v shows the requests: reflection as a Connect stream, then the call in Connect's unary form, both over h2c.
        assertThat(output).contains("POST /grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                "Content-Type: application/connect+proto", "POST /Greeter/SayHello", "Content-Type: application/proto",
                "HTTP/2.0 200 OK");
        // buf's -v lines (stderr, merged here) start with "buf: "; the rest is the reply.
        String reply = String.join("\n", output.lines().filter(line -> !line.startsWith("buf: ")).toList());
        assertThat(JsonParser.parseString(reply).getAsJsonObject().get("message").getAsString()).isEqualTo("Hello, World!");
    }

    @Test
    void bufCurlListsAndCallsThroughReflectionOverGrpc() throws Exception {
        assumeTrue(NodeProject.nodeAvailable(), "node and npm are not installed");
        String buf = NodeProject.installed().resolve("node_modules/.bin/buf").toAbsolutePath().toString();
        String server = "http://127.0.0.1:" + endpoints.httpPort();

        Process list = NodeProject.run(List.of(buf, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "--list-methods", server),
                NodeProject.DIR);
        String methods = NodeProject.output(list);
        assertThat(list.exitValue()).as(methods).isZero();
        assertThat(methods.lines()).contains("Greeter/SayHello", "Greeter/SayHelloStream", "grpc.health.v1.Health/Check");

        Process call = NodeProject.run(List.of(buf, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", "{\"name\":\"World\"}",
                server + "/Greeter/SayHello"), NodeProject.DIR);
        String reply = NodeProject.output(call);
        assertThat(call.exitValue()).as(reply).isZero();
        assertThat(JsonParser.parseString(reply).getAsJsonObject().get("message").getAsString()).isEqualTo("Hello, World!");
    }
}
