package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * A real browser's {@code EventSource} (headless Chromium, Debian's package, which .ci/run installs) reads a server
 * stream over GET as server-sent events: every message, then {@code event: end} (so it does not reconnect), or
 * {@code event: error} with the error body. Skipped, saying so, where Chromium is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserEventSourceIT {

    private static final String PAGE = """
            <!doctype html>
            <html><body><pre id="ok"></pre><pre id="failing"></pre>
            <script>
            function read(id, url) {
              const out = document.getElementById(id);
              const source = new EventSource(url);
              source.onmessage = e => { out.textContent += JSON.parse(e.data).number + ','; };
              source.addEventListener('end', () => { out.textContent += 'end'; source.close(); });
              source.addEventListener('error', e => {
                out.textContent += e.data ? 'error:' + JSON.parse(e.data).code : 'connection-error';
                source.close();
              });
            }
            read('ok', '/grpc/echoservice/count?upTo=3');
            read('failing', '/grpc/echoservice/count?upTo=3&failAfter=1');
            </script></body></html>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebResource(new StringAsset(PAGE), "sse.html");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @TempDir
    Path profile;

    @Test
    void eventSourceReadsTheStreamAndStopsAtTheEnd() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "Chromium is not installed (apt-get install chromium)");
        Process browser = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                endpoints.http("/sse.html").toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("<pre id=\"ok\">1,2,3,end</pre>");
        assertThat(dom).contains("<pre id=\"failing\">1,error:failed_precondition</pre>");
    }
}
