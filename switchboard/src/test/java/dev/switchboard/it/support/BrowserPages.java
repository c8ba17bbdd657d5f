package dev.switchboard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Test pages for a real browser, served from another origin than the server under test: the src/test/browser npm
 * project built once per test JVM (messages generated from grpc-java's interop protos, which grpc-interop-testing
 * carries, then bundled with esbuild) and served from its own loopback port by the JDK's HTTP server, so that every
 * call the page makes to the server under test is a cross-origin one. {@link #open} loads a page in headless Chromium.
 */
public final class BrowserPages implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> PROTOS = List.of("grpc/testing/empty.proto", "grpc/testing/messages.proto",
            "grpc/testing/test.proto");
    private static final Map<String, String> TYPES = Map.of(".html", "text/html; charset=utf-8",
            ".js", "text/javascript; charset=utf-8");
    private static Path built;

    private final HttpServer server;

    private BrowserPages(HttpServer server) {
        this.server = server;
    }

    /** Whether this machine has what the pages need: node, npm and Debian's Chromium. */
    public static boolean available() throws Exception {
        return Files.isExecutable(CHROMIUM) && NodeClients.available();
    }

    /** A free loopback port for {@link #serve}: known before the deployment, whose CORS settings must name it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The origin pages served on {@code port} have. */
    public static String origin(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Builds the pages (once per JVM) and serves them on {@code port} of the loopback address. */
    public static BrowserPages serve(int port) throws Exception {
        Path dist = build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", exchange -> send(exchange, dist));
        server.start();
        return new BrowserPages(server);
    }

    /** Opens {@code page}{@code query} in headless Chromium; what the page reported, one line a result. */
    public NodeClients.Result open(String page, String query) throws Exception {
        String url = origin(server.getAddress().getPort()) + "/" + page + query;
        return NodeClients.BROWSER.run("open_page.mjs", url, CHROMIUM.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static synchronized Path build() throws Exception {
        if (built == null) {
            Path dir = NodeClients.BROWSER.installed();
            for (String proto : PROTOS) {
                Path target = dir.resolve("protos").resolve(proto);
                Files.createDirectories(target.getParent());
                try (InputStream in = BrowserPages.class.getClassLoader().getResourceAsStream(proto)) {
                    if (in == null) {
                        throw new IllegalStateException(proto + " is not on the class path (grpc-interop-testing)");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            NodeClients.BROWSER.npmRun("generate");
            NodeClients.BROWSER.npmRun("bundle");
            Files.copy(dir.resolve("interop.html"), dir.resolve("dist/interop.html"), StandardCopyOption.REPLACE_EXISTING);
            built = dir.resolve("dist");
        }
        return built;
    }

    private static void send(HttpExchange exchange, Path dist) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(1);
            Path file = dist.resolve(name).normalize();
            String type = TYPES.get(name.substring(Math.max(0, name.lastIndexOf('.'))));
            if (!file.startsWith(dist) || type == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }
}
