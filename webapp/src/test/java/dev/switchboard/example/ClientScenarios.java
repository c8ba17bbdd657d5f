package dev.switchboard.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The large-message, many-calls-at-once scenarios that src/test/node/grpc_js_client.mjs (GrpcJsClientIT) and
 * src/test/python/large_concurrent_client.py (PythonClientIT) run against the example over h2c and TLS, and the lines
 * they print when every call succeeds.
 */
final class ClientScenarios {

    /**
     * The most calls the clients make at once on one channel. On WildFly 20, not 100: there, more concurrent calls with
     * 30,000-character requests than WildFly has worker threads (32 by default on 2 cores; 34 passed, 40 and more all
     * hung to their deadline) deadlock: each thread blocks reading its call's request in Switchboard's inline-first
     * dispatch (UnaryStream.readBlocking), while the data it waits for cannot come because the HTTP/2 connection
     * window is taken by the requests of calls still queued for a thread. Remove this once that is fixed.
     */
    static final int MOST_AT_ONCE = "wildfly".equals(System.getProperty("switchboard.test.container")) ? 20 : 100;

    private ClientScenarios() {
    }

    /** The server's certificate as a PEM file (target/server-certificate.pem) for the clients to trust; its absolute path. */
    static Path certificatePem(JettyEndpoints endpoints) throws IOException {
        Path file = Path.of("target", "server-certificate.pem").toAbsolutePath();
        Files.writeString(file, endpoints.certificate().certificatePem(), StandardCharsets.US_ASCII);
        return file;
    }

    /** The scenario lines a client printed, without anything else on its output (its runtime's own warnings, say). */
    static List<String> reported(String output) {
        return output.lines().filter(line -> line.startsWith("h2c ") || line.startsWith("tls ")).toList();
    }

    static List<String> allOk() {
        List<String> lines = new ArrayList<>();
        for (String transport : List.of("h2c", "tls")) {
            lines.addAll(List.of(
                    transport + " 30000 chars x1: 1/1 ok",
                    transport + " 30000 chars 20 at once, 10 channels: 200/200 ok",
                    transport + " 30000 chars 100 at once, 3 channels: " + (MOST_AT_ONCE >= 100 ? "300/300 ok" : "not run"),
                    transport + " 1000000 chars x1: 1/1 ok",
                    transport + " 1000000 chars 20 at once: 20/20 ok",
                    transport + " stream of 100 x 30000 chars, 20 at once: 20/20 ok"));
        }
        return lines;
    }
}
