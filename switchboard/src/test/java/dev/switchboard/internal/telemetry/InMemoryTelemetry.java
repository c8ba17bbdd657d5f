package dev.switchboard.internal.telemetry;

import java.util.List;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** An OpenTelemetry SDK exporting to memory, with W3C trace context and baggage propagators. */
final class InMemoryTelemetry {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
                    W3CBaggagePropagator.getInstance())))
            .build();

    /** The span named {@code name}, waiting a bounded time for it to end (a cancelled call ends after its client). */
    SpanData span(String name) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            for (SpanData span : spans.getFinishedSpanItems()) {
                if (span.getName().equals(name)) {
                    return span;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems());
    }

    List<MetricData> collect() {
        return List.copyOf(metrics.collectAllMetrics());
    }
}
