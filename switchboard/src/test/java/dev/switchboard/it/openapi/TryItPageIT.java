package dev.switchboard.it.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.NodeClients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The try-it page in real headless Chromium (Debian's, driven by puppeteer-core from npm): {@code /docs} of a WAR
 * under a context path, Echo's operation opened, "Try it out" with the example Swagger UI made from the schema (one
 * field changed), "Execute", and the page shows the service's answer; nothing was loaded from anywhere but the
 * server. The screenshot is left in target/try-it-page.png. Skipped, saying so, without Chromium or Node.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TryItPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("shop.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.OPENAPI_DOCS, "true", Switchboard.OPENAPI_TITLE, "Echo API"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void echoIsCalledFromThePage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is not installed (apt-get install chromium)");
        assumeTrue(NodeClients.available(), "node and npm are not installed");
        Path screenshot = Path.of("target/try-it-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        NodeClients.Result run = NodeClients.node("try_it_page.mjs", endpoints.http("/shop/docs").toString(),
                "switchboard.test.v1.EchoService/EchoService_Echo", "text", "from the page", screenshot.toString());
        assertThat(run.exitValue()).as(run.output()).isZero();
        String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new AssertionError(run.output()));
        JsonObject result = JsonParser.parseString(line.substring("RESULT ".length())).getAsJsonObject();
        assertThat(result.get("title").getAsString()).isEqualTo("Echo API");
        assertThat(result.get("status").getAsString()).as(line).isEqualTo("200");
        JsonObject answer = JsonParser.parseString(result.get("body").getAsString()).getAsJsonObject();
        assertThat(answer.get("text").getAsString()).isEqualTo("from the page");
        assertThat(answer.get("echoText").getAsString()).isEqualTo("from the page");
        assertThat(result.getAsJsonArray("elsewhere")).as("requests to other hosts than the server").isEmpty();
        assertThat(screenshot).isNotEmptyFile();
    }
}
