package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.InteropTestService;
import dev.switchboard.it.support.BrowserPages;
import dev.switchboard.it.support.NodeClients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * Browsers, for real: headless Chromium loads a page from another origin that calls grpc-java's interop TestService
 * with the official grpc-web client (the grpc-web project's interop cases: all in text mode, all but server streaming
 * in binary mode) and with connect-web's gRPC-Web and Connect (binary and JSON) transports — over HTTP/1.1 (http) and
 * HTTP/2 (https) on Switchboard's unary transport at the root, over HTTP/2 on grpc-servlet's under /servlet. Every
 * call is cross-origin, so CORS is exercised: the preflight for the interop's custom headers, and the exposed headers
 * the clients read. Skipped, saying so, where Chromium, node or npm is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserInteropIT {

    private static final int PAGE_PORT = BrowserPages.freePort();
    private static final List<String> CASES = List.of("empty_unary", "empty_unary_with_deadline", "large_unary",
            "server_streaming", "custom_metadata", "status_code_and_message", "unimplemented_method");
    private static final List<String> CLIENTS = List.of("grpc-web text", "grpc-web binary", "connect-web grpc-web",
            "connect-web connect", "connect-web connect-json");
    private static BrowserPages pages;

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return TestWars.war("ROOT.war", InteropTestService.class)
                .addAsWebInfResource(TestWars.webXml(corsParams()), "web.xml");
    }

    @Deployment(name = "servlet", testable = false)
    static WebArchive servlet() {
        List<String> params = new ArrayList<>(List.of(corsParams()));
        params.addAll(List.of(Switchboard.GRPC_TRANSPORT, "grpc-servlet"));
        return TestWars.war("servlet.war", InteropTestService.class)
                .addAsWebInfResource(TestWars.webXml(params.toArray(String[]::new)), "web.xml");
    }

    private static String[] corsParams() {
        return new String[] {Switchboard.CORS_ALLOWED_ORIGINS, BrowserPages.origin(PAGE_PORT),
                Switchboard.CORS_ALLOWED_HEADERS, "x-grpc-test-echo-initial, x-grpc-test-echo-trailing-bin"};
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @AfterAll
    static void stopPages() {
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    @OperateOnDeployment("root")
    void interopCasesPassInChromiumOnSwitchboardsTransport() throws Exception {
        interopCasesPass(Map.of(endpoints.http("").toString(), "http/1.1", endpoints.https("").toString(), "h2"));
    }

    @Test
    @OperateOnDeployment("servlet")
    void interopCasesPassInChromiumOnGrpcServlet() throws Exception {
        // HTTP/2 only: what the transports do differently does not depend on the HTTP version
        interopCasesPass(Map.of(endpoints.https("/servlet").toString(), "h2"));
    }

    /** Opens the page once a server URL, and checks every case passed over the HTTP version given for that URL. */
    private void interopCasesPass(Map<String, String> protocols) throws Exception {
        assumeTrue(BrowserPages.available(), "Chromium (/usr/bin/chromium), node or npm is not installed");
        for (var server : protocols.entrySet()) {
            NodeClients.Result page = pages().open("interop.html", "?server=" + stripSlash(server.getKey()));
            assertThat(page.exitValue()).as(page.output()).isZero();
            assertThat(page.output().lines()).as(server.getKey() + "\n" + page.output())
                    .containsAll(expected())
                    .noneMatch(line -> line.contains(": failed"))
                    .contains("protocols: " + server.getValue());
        }
    }

    private static List<String> expected() {
        List<String> lines = new ArrayList<>();
        for (String client : CLIENTS) {
            for (String name : CASES) {
                // As in the grpc-web interop: its binary mode is for unary calls.
                if (!(client.equals("grpc-web binary") && name.equals("server_streaming"))) {
                    lines.add(client + " " + name + ": passed");
                }
            }
        }
        return lines;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static synchronized BrowserPages pages() throws Exception {
        if (pages == null) {
            pages = BrowserPages.serve(PAGE_PORT);
        }
        return pages;
    }
}
