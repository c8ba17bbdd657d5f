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

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The landing page greets from the browser: headless Chromium (Debian's, driven by puppeteer-core) opens {@code /},
 * types a name, calls SayHello over the Connect protocol and SayHelloStream over gRPC-Web with the page's own
 * connect-web script (bundled from npm by the build), and the page shows the replies. Skipped, saying so, where
 * Chromium, node or npm is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserDemoIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void landingPageGreetsFromTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && NodeProject.nodeAvailable(),
                "Chromium (/usr/bin/chromium), node or npm is not installed");
        String output = NodeProject.runInstalled("node", "browser_demo.mjs", endpoints.http("/").toString());
        assertThat(output.lines()).as(output).containsExactly(
                "connect: Hello, Chromium! | (done)",
                "grpc-web: Hello, Chromium! (1/3) | Hello, Chromium! (2/3) | Hello, Chromium! (3/3) | (done)");
    }
}
