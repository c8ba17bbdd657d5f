package dev.switchboard.internal.telemetry;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;

/**
 * gRFC A66's four server instruments, with A66's names, units and explicit bucket boundaries (the ones grpc-java's
 * grpc-opentelemetry uses). The meter's scope is {@value #SCOPE}, not grpc-java's {@code grpc-java}: Switchboard, not
 * grpc-java, measures these calls (over JSON and Connect grpc-java never sees them), and dashboards select A66's
 * instruments by name, which is the same.
 */
final class ServerInstruments {

    static final String SCOPE = "dev.switchboard";

    static final String STARTED = "grpc.server.call.started";
    static final String DURATION = "grpc.server.call.duration";
    static final String SENT = "grpc.server.call.sent_total_compressed_message_size";
    static final String RECEIVED = "grpc.server.call.rcvd_total_compressed_message_size";

    static final List<Double> LATENCY_BUCKETS = List.of(0d, 0.00001, 0.00005, 0.0001, 0.0003, 0.0006, 0.0008, 0.001, 0.002,
            0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.013, 0.016, 0.02, 0.025, 0.03, 0.04, 0.05, 0.065, 0.08, 0.1, 0.13, 0.16,
            0.2, 0.25, 0.3, 0.4, 0.5, 0.65, 0.8, 1d, 2d, 5d, 10d, 20d, 50d, 100d);
    static final List<Long> SIZE_BUCKETS = List.of(0L, 1024L, 2048L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
            16777216L, 67108864L, 268435456L, 1073741824L, 4294967296L);

    private final LongCounter started;
    private final DoubleHistogram duration;
    private final LongHistogram sent;
    private final LongHistogram received;

    ServerInstruments(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(SCOPE);
        started = meter.counterBuilder(STARTED).setUnit("{call}")
                .setDescription("Number of server calls started").build();
        duration = meter.histogramBuilder(DURATION).setUnit("s")
                .setDescription("Time from the server receiving the call's headers to sending its status")
                .setExplicitBucketBoundariesAdvice(LATENCY_BUCKETS).build();
        sent = meter.histogramBuilder(SENT).ofLongs().setUnit("By")
                .setDescription("Total bytes of the call's response messages (serialized; see RpcCall)")
                .setExplicitBucketBoundariesAdvice(SIZE_BUCKETS).build();
        received = meter.histogramBuilder(RECEIVED).ofLongs().setUnit("By")
                .setDescription("Total bytes of the call's request messages (serialized; see RpcCall)")
                .setExplicitBucketBoundariesAdvice(SIZE_BUCKETS).build();
    }

    void started(Attributes methodAndProtocol) {
        started.add(1, methodAndProtocol);
    }

    /** {@code ended}: method, protocol and status. */
    void ended(Attributes ended, long nanos, long sentBytes, long receivedBytes) {
        duration.record(nanos / 1e9, ended);
        sent.record(sentBytes, ended);
        received.record(receivedBytes, ended);
    }
}
