package dev.switchboard.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.it.support.WeldRequestContexts;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.OtherServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;

/**
 * Weld leaves its servlet request (and session) contexts off for Switchboard's own requests — gRPC, JSON, health —
 * and keeps them for the application's ({@code WeldContextActivation}); {@link Switchboard#WELD_SERVLET_CONTEXTS}
 * turns them back on, and Weld's own {@code org.jboss.weld.context.mapping} still applies. Seen through the
 * {@code @Initialized(RequestScoped)} events Weld fires when it activates them ({@link WeldRequestContexts}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WeldContextsIT {

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return TestWars.war("ROOT.war", OtherServiceImpl.class, TestGateways.class, WeldRequestContexts.class,
                WeldRequestContexts.ListServlet.class);
    }

    @Deployment(name = "on", testable = false)
    static WebArchive contextsOn() {
        return TestWars.war("weld.war", OtherServiceImpl.class, TestGateways.class, WeldRequestContexts.class,
                        WeldRequestContexts.ListServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.WELD_SERVLET_CONTEXTS, "true",
                        "org.jboss.weld.context.mapping", "(?!/skipped).*"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("root")
    void switchboardsRequestsRunWithoutWeldsServletContexts() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            assertThat(OtherServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("g").build()).getText())
                    .isEqualTo("other: g");
        } finally {
            Clients.close(channel);
        }
        HttpClient http = Clients.http(endpoints);
        assertThat(Clients.postJson(http, endpoints.http("/grpc/other/echo"), "{\"text\":\"j\"}").statusCode()).isEqualTo(200);
        assertThat(Clients.send(http, "GET", endpoints.http("/health"), null, null).statusCode()).isEqualTo(200);

        List<String> activated = activated(http, "");
        assertThat(activated).as("the application's own request has them").contains("GET /weld-contexts");
        assertThat(activated).as("Switchboard's requests do not")
                .noneMatch(line -> line.contains("Echo") || line.contains("/grpc/") || line.endsWith("/health"));
    }

    @Test
    @OperateOnDeployment("on")
    void theContextParamKeepsThemOnAndWeldsMappingStillApplies() throws Exception {
        HttpClient http = Clients.http(endpoints);
        assertThat(Clients.postJson(http, endpoints.http("/weld/grpc/other/echo"), "{\"text\":\"j\"}").statusCode()).isEqualTo(200);
        Clients.send(http, "GET", endpoints.http("/weld/skipped"), null, null);

        List<String> activated = activated(http, "/weld");
        assertThat(activated).contains("POST /weld/grpc/other/echo", "GET /weld/weld-contexts");
        assertThat(activated).as("org.jboss.weld.context.mapping excludes it").doesNotContain("GET /weld/skipped");
    }

    private List<String> activated(HttpClient http, String contextPath) throws Exception {
        HttpResponse<String> list = Clients.send(http, "GET", endpoints.http(contextPath + "/weld-contexts"), null, null);
        assertThat(list.statusCode()).isEqualTo(200);
        return List.of(list.body().split("\n"));
    }
}
