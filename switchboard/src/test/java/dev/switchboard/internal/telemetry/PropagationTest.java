package dev.switchboard.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/** Trace context and baggage read from a call's metadata, and where OpenTelemetry comes from. */
class PropagationTest {

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

    @AfterEach
    void reset() {
        GlobalOpenTelemetry.resetForTest();
        telemetry.sdk.close();
    }

    private static Metadata metadata(String... pairs) {
        Metadata metadata = new Metadata();
        for (int i = 0; i < pairs.length; i += 2) {
            metadata.put(Metadata.Key.of(pairs[i], Metadata.ASCII_STRING_MARSHALLER), pairs[i + 1]);
        }
        return metadata;
    }

    private Context extract(Metadata metadata) {
        return telemetry.sdk.getPropagators().getTextMapPropagator().extract(Context.root(), metadata, MetadataGetter.INSTANCE);
    }

    @Test
    void traceparentTracestateAndBaggageAreReadFromMetadata() {
        Context context = extract(metadata("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "a=1", "tracestate", "b=2", "baggage", "tenant=acme", "baggage", "region=eu"));
        SpanContext parent = Span.fromContext(context).getSpanContext();
        assertThat(parent.isValid()).isTrue();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.getTraceState().get("a")).isEqualTo("1");
        assertThat(parent.getTraceState().get("b")).as("repeated tracestate headers are one list").isEqualTo("2");
        Baggage baggage = Baggage.fromContext(context);
        assertThat(baggage.getEntryValue("tenant")).isEqualTo("acme");
        assertThat(baggage.getEntryValue("region")).isEqualTo("eu");
    }

    @Test
    void noOrBadTraceparentIsNoParent() {
        assertThat(Span.fromContext(extract(metadata())).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(extract(metadata("traceparent", "00-nonsense-01"))).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(extract(metadata("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4737-00f067aa0ba902b8-01"))).getSpanContext().isValid())
                .as("two traceparent headers").isFalse();
    }

    @Test
    void theApplicationsBeanWinsThenTheGlobalOneElseOff() {
        assertThat(TelemetrySource.choose(null)).as("nothing set: off").isNull();
        assertThat(TelemetrySource.choose(telemetry.sdk)).isSameAs(telemetry.sdk);
        GlobalOpenTelemetry.set(telemetry.sdk);
        assertThat(TelemetrySource.choose(null)).as("the agent's, or whatever set the global one").isNotNull();
        InMemoryTelemetry other = new InMemoryTelemetry();
        assertThat(TelemetrySource.choose(other.sdk)).isSameAs(other.sdk);
        other.sdk.close();
    }
}
