package dev.switchboard.it.services.telemetry;

import java.io.IOException;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test-only: what the deployment's {@link InMemoryOpenTelemetry} exported, as JSON — {@code spans} (ended spans) and
 * {@code metrics} (cumulative points, with count and sum for histograms) — so that a test client reads it from any
 * server, in this JVM or another.
 */
@WebServlet(urlPatterns = "/exported-telemetry")
public class TelemetryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonObject all = new JsonObject();
        JsonArray spans = new JsonArray();
        for (SpanData span : InMemoryOpenTelemetry.SPANS.getFinishedSpanItems()) {
            spans.add(span(span));
        }
        all.add("spans", spans);
        JsonArray metrics = new JsonArray();
        for (MetricData metric : InMemoryOpenTelemetry.METRICS.collectAllMetrics()) {
            metrics.add(metric(metric));
        }
        all.add("metrics", metrics);
        resp.setContentType("application/json");
        resp.getWriter().write(new GsonBuilder().setPrettyPrinting().create().toJson(all));
    }

    private static JsonObject span(SpanData span) {
        JsonObject json = new JsonObject();
        json.addProperty("name", span.getName());
        json.addProperty("kind", span.getKind().name());
        json.addProperty("scope", span.getInstrumentationScopeInfo().getName());
        json.addProperty("traceId", span.getTraceId());
        json.addProperty("spanId", span.getSpanId());
        json.addProperty("parentSpanId", span.getParentSpanId());
        json.addProperty("status", span.getStatus().getStatusCode().name());
        json.addProperty("statusDescription", span.getStatus().getDescription());
        json.add("attributes", attributes(span.getAttributes()));
        JsonArray events = new JsonArray();
        for (EventData event : span.getEvents()) {
            JsonObject e = new JsonObject();
            e.addProperty("name", event.getName());
            e.add("attributes", attributes(event.getAttributes()));
            events.add(e);
        }
        json.add("events", events);
        return json;
    }

    private static JsonObject metric(MetricData metric) {
        JsonObject json = new JsonObject();
        json.addProperty("name", metric.getName());
        json.addProperty("unit", metric.getUnit());
        json.addProperty("scope", metric.getInstrumentationScopeInfo().getName());
        json.addProperty("type", metric.getType().name());
        JsonArray points = new JsonArray();
        for (PointData point : metric.getData().getPoints()) {
            JsonObject p = new JsonObject();
            p.add("attributes", attributes(point.getAttributes()));
            if (point instanceof LongPointData value) {
                p.addProperty("value", value.getValue());
            } else if (point instanceof HistogramPointData histogram) {
                p.addProperty("count", histogram.getCount());
                p.addProperty("sum", histogram.getSum());
                JsonArray boundaries = new JsonArray();
                histogram.getBoundaries().forEach(boundaries::add);
                p.add("boundaries", boundaries);
            }
            points.add(p);
        }
        json.add("points", points);
        return json;
    }

    private static JsonObject attributes(Attributes attributes) {
        JsonObject json = new JsonObject();
        attributes.forEach((key, value) -> {
            if (value instanceof Number number) {
                json.addProperty(key.getKey(), number);
            } else {
                json.addProperty(key.getKey(), String.valueOf(value));
            }
        });
        return json;
    }
}
