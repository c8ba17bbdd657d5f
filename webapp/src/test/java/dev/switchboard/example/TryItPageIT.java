package dev.switchboard.example;

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

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * What the newcomer does: open {@code /docs} on the example (its base path is empty), open SayHello, "Try it
 * out" with a name, "Execute", and read the greeting on the page — in headless Chromium (Debian's, driven by
 * puppeteer-core with the library's own try_it_page.mjs). The screenshot is left in target/example-try-it-page.png.
 * Skipped, saying so, where Chromium, node or npm is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TryItPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void sayHelloIsCalledFromTheExamplesTryItPage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && NodeProject.nodeAvailable(),
                "Chromium (/usr/bin/chromium), node or npm is not installed");
        Path screenshot = Path.of("target/example-try-it-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        String output = NodeProject.runInstalled("node", "try_it_page.mjs", endpoints.http("/docs").toString(),
                "Greeter/Greeter_SayHello", "name", "Newcomer", screenshot.toString());
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new AssertionError(output));
        JsonObject result = JsonParser.parseString(line.substring("RESULT ".length())).getAsJsonObject();
        assertThat(result.get("status").getAsString()).as(line).isEqualTo("200");
        assertThat(JsonParser.parseString(result.get("body").getAsString()).getAsJsonObject().get("message").getAsString())
                .isEqualTo("Hello, Newcomer!");
        assertThat(result.getAsJsonArray("elsewhere")).as("requests to other hosts than the server").isEmpty();
        assertThat(screenshot).isNotEmptyFile();
    }
}
