package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.support.NodeClients;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * A real gRPC-Web client: {@code @connectrpc/connect-node}'s gRPC-Web transport (versions pinned in
 * src/test/node/package-lock.json, installed with {@code npm ci}) calls the test service at the origin, over HTTP/1.1
 * and h2c, on both transports (Switchboard's unary one at the root, grpc-servlet's under /servlet): unary with a
 * header and a trailer round trip, server streaming, an error before and after messages, a deadline, a client stream
 * (UNIMPLEMENTED). Skipped, saying so, where node or npm is missing. The raw wire, text mode included: {@link GrpcWebIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcWebClientIT {

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return GrpcWebIT.root();
    }

    @Deployment(name = "servlet", testable = false)
    static WebArchive servlet() {
        return GrpcWebIT.servlet();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("root")
    void connectNodeGrpcWebTransportCallsBothTransports() throws Exception {
        assumeTrue(NodeClients.available(), "node and npm are not installed");
        for (String context : List.of("", "/servlet")) {
            NodeClients.Result client = NodeClients.node("grpc_web_client.mjs", String.valueOf(endpoints.httpPort()), context);
            assertThat(client.exitValue()).as(client.output()).isZero();
            for (String http : List.of("http/1.1", "http/2")) {
                assertThat(client.output().lines()).as(context + "\n" + client.output()).contains(
                        http + " unary: hi seen=interceptor saw t1 header=e1 trailer=done e1",
                        http + " stream: 1,2,3",
                        http + " error: NotFound no such thing",
                        http + " stream error: 1,2 FailedPrecondition failed after 2",
                        http + " deadline: DeadlineExceeded");
            }
            assertThat(client.output().lines()).as(context + "\n" + client.output()).contains("http/2 client stream: Unimplemented");
        }
    }
}
