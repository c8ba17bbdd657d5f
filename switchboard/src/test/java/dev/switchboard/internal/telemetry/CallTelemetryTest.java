package dev.switchboard.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.internal.chain.RequestParsing;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.FailRequest;
import dev.switchboard.test.v1.SleepRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * CallTelemetry around a service on an in-process server, as the chain places it (outside the request parsing, so
 * request messages arrive raw): the span (name, kind, parent from traceparent, attributes, status, exception), the
 * context current in service code, the A66 instruments and their attributes, errors, a crash and a passed deadline.
 */
class CallTelemetryTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String ECHO = "switchboard.test.v1.EchoService/Echo";

    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private final AtomicReference<SpanContext> seenSpan = new AtomicReference<>();
    private final AtomicReference<String> seenBaggage = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        EchoServiceGrpc.EchoServiceImplBase service = new EchoServiceGrpc.EchoServiceImplBase() {
            @Override
            public void echo(EchoRequest request, StreamObserver<EchoResponse> observer) {
                seenSpan.set(Span.current().getSpanContext());
                seenBaggage.set(Baggage.current().getEntryValue("tenant"));
                observer.onNext(EchoResponse.newBuilder().setText(request.getText() + request.getText()).build());
                observer.onCompleted();
            }

            @Override
            public void fail(FailRequest request, StreamObserver<EchoResponse> observer) {
                observer.onError(Status.fromCodeValue(request.getCode()).withDescription(request.getMessage()).asRuntimeException());
            }

            @Override
            public void crash(EchoRequest request, StreamObserver<EchoResponse> observer) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void sleep(SleepRequest request, StreamObserver<EchoResponse> observer) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.getMillis());
                while (!Context.current().isCancelled() && System.nanoTime() < end) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                // as the container tests' service does: the status never reaches the client
                observer.onError(Status.CANCELLED.withDescription("cancelled while sleeping").asRuntimeException());
            }
        };
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(RequestParsing.inListener(service.bindService()),
                        CallTelemetry.of(telemetry.sdk)))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        telemetry.sdk.close();
    }

    @Test
    void aCallIsOneServerSpanUnderTheCallersTraceCurrentInServiceCode() throws Exception {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        headers.put(Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER), "tenant=acme");
        EchoRequest request = EchoRequest.newBuilder().setText("hello").build();
        EchoResponse response = EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).echo(request);

        SpanData span = telemetry.span(ECHO);
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        Map<String, Object> attributes = span.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
        assertThat(attributes).containsEntry("rpc.system", "grpc").containsEntry("rpc.service", "switchboard.test.v1.EchoService")
                .containsEntry("rpc.method", "Echo").containsEntry("rpc.grpc.status_code", 0L).containsEntry("protocol", "grpc");
        assertThat(seenSpan.get()).as("the span is current in service code").isEqualTo(span.getSpanContext());
        assertThat(seenBaggage.get()).as("the caller's baggage is current in service code").isEqualTo("acme");

        Attributes ended = Attributes.of(RpcAttributes.GRPC_METHOD, ECHO, RpcAttributes.PROTOCOL, "grpc",
                RpcAttributes.GRPC_STATUS, "OK");
        assertThat(counter(ServerInstruments.STARTED, RpcAttributes.started(ECHO, "grpc"))).isEqualTo(1);
        assertThat(histogram(ServerInstruments.DURATION, ended).getCount()).isEqualTo(1);
        assertThat(histogram(ServerInstruments.RECEIVED, ended).getSum()).isEqualTo(request.getSerializedSize());
        assertThat(histogram(ServerInstruments.SENT, ended).getSum()).isEqualTo(response.getSerializedSize());
        MetricData duration = metric(ServerInstruments.DURATION);
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints().iterator().next().getBoundaries())
                .isEqualTo(ServerInstruments.LATENCY_BUCKETS);
        assertThat(metric(ServerInstruments.SENT).getUnit()).isEqualTo("By");
        assertThat(metric(ServerInstruments.STARTED).getUnit()).isEqualTo("{call}");
    }

    @Test
    void errorStatusesFollowTheSemanticConventions() throws Exception {
        for (Status.Code code : new Status.Code[] {Status.Code.NOT_FOUND, Status.Code.INTERNAL}) {
            assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel)
                    .fail(FailRequest.newBuilder().setCode(code.value()).setMessage("no " + code).build()))
                    .isInstanceOf(StatusRuntimeException.class);
        }
        var spans = telemetry.spans.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).getStatus().getStatusCode()).as("a client's error is not the server's").isEqualTo(StatusCode.UNSET);
        assertThat(spans.get(0).getAttributes().get(RpcAttributes.RPC_GRPC_STATUS_CODE)).isEqualTo(5L);
        assertThat(spans.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans.get(1).getStatus().getDescription()).isEqualTo("no INTERNAL");
        assertThat(histogram(ServerInstruments.DURATION, Attributes.of(RpcAttributes.GRPC_METHOD,
                "switchboard.test.v1.EchoService/Fail", RpcAttributes.PROTOCOL, "grpc", RpcAttributes.GRPC_STATUS, "NOT_FOUND"))
                .getCount()).isEqualTo(1);
    }

    @Test
    void anExceptionServiceCodeThrewIsRecorded() throws Exception {
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel).crash(EchoRequest.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class);
        SpanData span = telemetry.span("switchboard.test.v1.EchoService/Crash");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(RpcAttributes.RPC_GRPC_STATUS_CODE)).isEqualTo(2L);
        assertThat(span.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().asMap().toString()).contains("java.lang.IllegalStateException").contains("boom");
        });
    }

    @Test
    void aPassedDeadlineIsRecordedAsSuch() throws Exception {
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                .sleep(SleepRequest.newBuilder().setMillis(5000).build()))
                .isInstanceOf(StatusRuntimeException.class);
        SpanData span = telemetry.span("switchboard.test.v1.EchoService/Sleep");
        assertThat(span.getAttributes().get(RpcAttributes.RPC_GRPC_STATUS_CODE)).isEqualTo(4L);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("deadline exceeded"));
    }

    @Test
    void offIsNoInterceptor() {
        assertThat(CallTelemetry.of(null)).isNull();
    }

    private MetricData metric(String name) {
        return telemetry.collect().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private long counter(String name, Attributes attributes) {
        return metric(name).getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + attributes)).getValue();
    }

    private HistogramPointData histogram(String name, Attributes attributes) {
        return metric(name).getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + attributes + " in " + metric(name)));
    }
}
