package dev.switchboard.bench.otel;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The application's OpenTelemetry as a production deployment would have it — every call sampled, spans through a
 * {@link BatchSpanProcessor}, metrics read every 10 s — with exporters that count and drop what they get, so the
 * measurement is Switchboard's instrumentation and the SDK, not a collector's network I/O. The counts go to the
 * server log at shutdown, to show the calls were recorded.
 */
@ApplicationScoped
public class BenchOpenTelemetry {

    private final LongAdder spans = new LongAdder();
    private final LongAdder metricBatches = new LongAdder();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> batch) {
                    spans.add(batch.size());
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }).build()).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(PeriodicMetricReader.builder(new MetricExporter() {
                @Override
                public CompletableResultCode export(Collection<MetricData> metrics) {
                    metricBatches.increment();
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                    return AggregationTemporality.CUMULATIVE;
                }
            }).setInterval(Duration.ofSeconds(10)).build()).build())
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
                    W3CBaggagePropagator.getInstance())))
            .build();

    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
        return sdk;
    }

    @PreDestroy
    void close() {
        sdk.close();
        System.out.printf("bench-otel: %d spans exported, %d metric exports%n", spans.sum(), metricBatches.sum());
    }
}
