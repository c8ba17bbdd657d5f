package dev.switchboard.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonParser;

import dev.switchboard.it.services.telemetry.CurrentTraceService;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * On WildFly with its OpenTelemetry subsystem on, a WAR with no OpenTelemetry of its own gets the subsystem's through
 * CDI, and Switchboard uses it: the caller's trace is current in service code (with Switchboard ignoring the bean,
 * the service sees no trace: all zeros). Runs only against a server configuration whose name contains {@code otel},
 * as WildFly's default configuration has no such subsystem: arquillian-wildfly provisions
 * standalone-switchboard-otel.xml beside the tests' configuration (configure-otel.cli); run with
 * {@code -Pwildfly -Dwildfly.server-config=standalone-switchboard-otel.xml -Dit.test=WildFlyTelemetrySubsystemIT}. (Its
 * exporter then logs that nothing listens on localhost:4317; the test does not need one.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "switchboard.wildfly.server-config", matches = ".*otel.*")
class WildFlyTelemetrySubsystemIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", CurrentTraceService.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void theSubsystemsOpenTelemetryTracesCalls() throws Exception {
        String traceId = "5b8efff798038103d269b633813fc60c";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoints.http("/switchboard.test.v1.OtherService/Echo"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("connect-protocol-version", "1")
                .header("traceparent", "00-" + traceId + "-eee19b7ec3c1b174-01")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString())
                .as("the trace current in service code").isEqualTo(traceId);
    }
}
