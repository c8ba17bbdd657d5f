package dev.switchboard.internal.observe;

import java.io.IOException;
import java.io.OutputStream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET {base-path}/metrics}: Switchboard's own registry in the Prometheus text format. */
public final class MetricsEndpoint {

    private final String path;
    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(String basePath, PrometheusMeterRegistry registry) {
        this.path = basePath + "/metrics";
        this.registry = registry;
    }

    public boolean matches(String pathInContext) {
        return path.equals(pathInContext);
    }

    public void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        try (OutputStream out = resp.getOutputStream()) {
            registry.scrape(out);
        }
    }
}
