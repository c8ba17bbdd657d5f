package dev.switchboard.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The health and metrics endpoints are ordinary paths of the WAR: a web.xml security constraint on {@code /metrics}
 * (BASIC, role admin) keeps anonymous callers out (401 with Switchboard's JSON body) and users without the role
 * (403), lets alice (admin) in, and leaves {@code /health} open; the context-params
 * {@code switchboard.health-endpoint} / {@code switchboard.metrics-endpoint} = false turn them off (404: the paths
 * are the application's again). Users as in SecurityIT (arquillian.xml, WildFly's application realm, the jetty-base's).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EndpointSecurityIT {

    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>metrics</web-resource-name><url-pattern>/metrics</url-pattern></web-resource-collection>
                <auth-constraint><role-name>admin</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>switchboard</realm-name></login-config>
              <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    @Deployment(name = "protected", testable = false)
    static WebArchive protectedMetrics() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    @Deployment(name = "off", testable = false)
    static WebArchive endpointsOff() {
        return TestWars.war("off.war", EchoImpl.class, EchoService.class, SeenHeaders.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.HEALTH_ENDPOINT, "false", Switchboard.METRICS_ENDPOINT, "false"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("protected")
    void aSecurityConstraintProtectsTheMetricsEndpoint() throws Exception {
        HttpResponse<String> anonymous = get("/metrics", null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(anonymous.body()).doesNotContain("grpc_server");

        HttpResponse<String> withoutRole = get("/metrics", "bob:bob-pw");
        assertThat(withoutRole.statusCode()).as(withoutRole.body()).isEqualTo(403);
        assertThat(withoutRole.body()).doesNotContain("grpc_server");

        HttpResponse<String> admin = get("/metrics", "alice:alice-pw");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).as("the constraint covers /metrics only: " + health.body()).isEqualTo(200);
        assertThat(health.body()).contains("SERVING");
    }

    @Test
    @OperateOnDeployment("off")
    void contextParamsTurnTheEndpointsOff() throws Exception {
        for (String path : new String[] {"/off/health", "/off/metrics"}) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("SERVING").doesNotContain("grpc_server");
        }
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http(path)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return Clients.http(endpoints).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
