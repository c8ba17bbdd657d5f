package dev.switchboard.it.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.CatchAllServlet;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.SyncOnlyFilter;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.OtherServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;

/**
 * gRPC requests reach Switchboard whatever the application maps: here a servlet on {@code /*} and a filter on
 * {@code /*}, neither async-supported. JSON routes too; every other path is the application's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationServletsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", OtherServiceImpl.class, TestGateways.class, CatchAllServlet.class, SyncOnlyFilter.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void grpcAndJsonGetThroughAndTheRestIsTheApplications() throws Exception {
        if ("wildfly".equals(System.getProperty("switchboard.test.container"))) {
            undertowTurnsAsyncOffForTheWholeChain();
            return;
        }
        for (ManagedChannel channel : new ManagedChannel[] {Clients.h2cChannelBuilder(endpoints).build(),
                Clients.tlsChannelBuilder(endpoints).build()}) {
            try {
                assertThat(OtherServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("x").build()).getText())
                        .isEqualTo("other: x");
            } finally {
                Clients.close(channel);
            }
        }
        HttpResponse<String> json = Clients.postJson(Clients.http(endpoints), endpoints.http("/grpc/other/echo"), "{\"text\":\"j\"}");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{\"text\":\"other: j\"}");

        HttpResponse<String> app = Clients.send(Clients.http(endpoints), "GET", endpoints.http("/anything/else"), null, null);
        assertThat(app.body()).isEqualTo("app GET /anything/else");
        assertThat(app.headers().firstValue("x-app-filter")).hasValue("seen");
    }

    /**
     * Undertow decides whether a request may go async from every filter and the servlet mapped to its path, before
     * the first filter runs: the application's filter on {@code /*} is not async-supported, so neither protocol can be
     * served (README, Deployment guide). Switchboard says so: a gRPC status and a JSON error, not a hang. Unary gRPC
     * calls on Undertow's native transport need no async cycle, so there they are served.
     */
    private void undertowTurnsAsyncOffForTheWholeChain() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            if (TestWars.undertowNative()) {
                assertThat(OtherServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("x").build()).getText())
                        .isEqualTo("other: x");
            } else {
                assertThatThrownBy(() -> OtherServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("x").build()))
                        .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INTERNAL);
                            assertThat(e.getStatus().getDescription()).isEqualTo("The server is misconfigured for gRPC (see its log)");
                        });
            }
        } finally {
            Clients.close(channel);
        }
        HttpResponse<String> json = Clients.postJson(Clients.http(endpoints), endpoints.http("/grpc/other/echo"), "{\"text\":\"j\"}");
        assertThat(json.statusCode()).isEqualTo(500);

        HttpResponse<String> app = Clients.send(Clients.http(endpoints), "GET", endpoints.http("/anything/else"), null, null);
        assertThat(app.body()).isEqualTo("app GET /anything/else");
        assertThat(app.headers().firstValue("x-app-filter")).hasValue("seen");
    }

    @Test
    void withoutAGatewayWithExposeHttpTheApplicationKeepsTheGatewayPath() throws Exception {
        HttpResponse<String> hidden = Clients.postJson(Clients.http(endpoints), endpoints.http("/hidden/other/echo"), "{}");
        assertThat(hidden.body()).isEqualTo("app POST /hidden/other/echo");
    }
}
