package dev.switchboard.jetty.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.deploy.StandardDeployer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hot deploys behind the {@link InlineGrpcFront}, as a Jetty distribution's deployment scanner makes them once the
 * server has started: the server is non-blocking, every servlet context is blocking.
 */
@Timeout(60)
class DeclaringDeployerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Server server;
    private ServerConnector connector;
    private ContextHandlerCollection contexts;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        // as the distribution's jetty.xml and the module's XML make them
        contexts = new ContextHandlerCollection(true);
        server.setHandler(contexts);
        DistributionFront.front(server);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void contextsDeployedAfterTheStartAreServedAndUndeployed() throws Exception {
        DeclaringDeployer deployer = new DeclaringDeployer(server, contexts);
        server.addBean(deployer, true);
        deployer.start();

        ServletContextHandler first = servletContext("/app", "first");
        deployer.deploy(first);
        assertThat(first.isStarted()).isTrue();
        assertThat(get("/app/hello")).isEqualTo("200 first");
        // a gRPC content type goes inline to a context only when Switchboard's handler is in it: here, to the pool,
        // where the servlet may block
        assertThat(post("/app/hello", "application/grpc")).isEqualTo("200 first");

        deployer.undeploy(first);
        assertThat(first.isStopped()).isTrue();
        assertThat(contexts.getHandlers()).isEmpty();
        assertThat(deployer.deployed()).isZero();
        assertThat(get("/app/hello")).startsWith("404");

        ServletContextHandler second = servletContext("/app", "second");
        deployer.redeploy(first, second);
        assertThat(get("/app/hello")).isEqualTo("200 second");
        assertThat(contexts.getHandlers()).hasSize(1);
    }

    /** Why the deployer: Jetty's own refuses the same hot deploy behind the front. */
    @Test
    void jettysStandardDeployerRefusesBlockingContextsBehindTheFront() throws Exception {
        StandardDeployer standard = new StandardDeployer(contexts);
        server.addBean(standard, true);
        standard.start();

        assertThatThrownBy(() -> standard.deploy(servletContext("/app", "refused")))
                .hasStackTraceContaining("Cannot change invocation type of started server");
    }

    private static ServletContextHandler servletContext(String path, String answer) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getInputStream().readAllBytes();
                response.setContentType("text/plain");
                response.getWriter().print(answer);
            }
        }), "/*");
        return context;
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private String post(String path, String contentType) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5])).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
