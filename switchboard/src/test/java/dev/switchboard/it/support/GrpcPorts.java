package dev.switchboard.it.support;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.testing.jetty.JettyEndpoints;

/** The client side of {@link GrpcPortServlet}. */
public final class GrpcPorts {

    private GrpcPorts() {
    }

    /** The dedicated port of the WAR at {@code contextPath} (e.g. "/shop"). */
    public static int of(JettyEndpoints endpoints, String contextPath) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoints.http(contextPath + GrpcPortServlet.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().matches("\\d+")) {
            throw new IllegalStateException("no dedicated gRPC port at " + contextPath + ": " + response.statusCode() + " " + response.body());
        }
        int port = Integer.parseInt(response.body());
        if (port <= 0 || port == endpoints.httpPort() || port == endpoints.httpsPort()) {
            throw new IllegalStateException("not a dedicated port: " + port);
        }
        return port;
    }
}
