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
                    transport + " 30000 chars 100 at once, 3 channels: 300/300 ok",
                    transport + " 1000000 chars x1: 1/1 ok",
                    transport + " 1000000 chars 20 at once: 20/20 ok",
                    transport + " stream of 100 x 30000 chars, 20 at once: 20/20 ok"));
        }
        return lines;
    }
}
