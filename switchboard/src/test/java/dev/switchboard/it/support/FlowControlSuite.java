package dev.switchboard.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;

import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.testing.integration.Messages.Payload;
import io.grpc.testing.integration.Messages.ResponseParameters;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import io.grpc.testing.integration.TestServiceGrpc;

/**
 * Unary replies of every size reach clients whose HTTP/2 flow-control windows are small — grpc-js's and the HTTP/2
 * default 64 KiB, and 1 KiB — with many calls at once on one connection, over h2c and TLS: every reply arrives whole,
 * none is reset midway. (Replies larger than the client's window wait for its WINDOW_UPDATEs; a transport that
 * completes the request before its last write is done loses them, as Switchboard's did on Jetty.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class FlowControlSuite {

    static final int KIB = 1024;

    @ArquillianResource
    JettyEndpoints endpoints;

    /** transport, client window, reply size, calls at once on one connection. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String transport : List.of("h2c", "tls")) {
            for (int window : List.of(64 * KIB, KIB)) {
                cases.add(Arguments.of(transport, window, 1, 100));
                cases.add(Arguments.of(transport, window, 30_000, 20));
                cases.add(Arguments.of(transport, window, 30_000, 100));
                cases.add(Arguments.of(transport, window, 200 * KIB, 20));
                cases.add(Arguments.of(transport, window, 1024 * KIB, 4));
            }
            // the largest message the test client takes, once through a default-sized window
            cases.add(Arguments.of(transport, 64 * KIB, Clients.MAX_MESSAGE_BYTES - 64, 1));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} window {1} reply {2} x{3}")
    @MethodSource("cases")
    void everyReplyArrivesWhole(String transport, int window, int replyBytes, int concurrent) throws Exception {
        ManagedChannel channel = channel(transport.equals("tls"), window);
        try {
            TestServiceGrpc.TestServiceFutureStub stub = TestServiceGrpc.newFutureStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            SimpleRequest request = SimpleRequest.newBuilder().setResponseSize(replyBytes)
                    .setPayload(Payload.newBuilder().setBody(ByteString.copyFrom(new byte[Math.min(replyBytes, 40_000)])))
                    .build();
            List<ListenableFuture<SimpleResponse>> calls = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                calls.add(stub.unaryCall(request));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            for (ListenableFuture<SimpleResponse> call : calls) {
                String outcome;
                try {
                    SimpleResponse response = Futures.getUnchecked(call);
                    int size = response.getPayload().getBody().size();
                    outcome = size == replyBytes ? "OK" : "OK but " + size + " bytes";
                } catch (RuntimeException e) {
                    outcome = Status.fromThrowable(e).getCode() + ": " + Status.fromThrowable(e).getDescription();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
            assertThat(outcomes).as("outcomes of %s calls", concurrent).isEqualTo(Map.of("OK", concurrent));
        } finally {
            Clients.close(channel);
        }
    }

    /** Server streams of large messages, many at once on one connection: every message of every stream arrives. */
    @ParameterizedTest(name = "{0} window {1}")
    @MethodSource("streamCases")
    void everyStreamArrivesWhole(String transport, int window) throws Exception {
        ManagedChannel channel = channel(transport.equals("tls"), window);
        try {
            StreamingOutputCallRequest.Builder request = StreamingOutputCallRequest.newBuilder();
            for (int size : List.of(30_000, 1, 200 * KIB, 64 * KIB)) {
                request.addResponseParameters(ResponseParameters.newBuilder().setSize(size));
            }
            List<CallEvents<StreamingOutputCallRequest, StreamingOutputCallResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CallEvents<StreamingOutputCallRequest, StreamingOutputCallResponse> events = new CallEvents<>();
                TestServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).streamingOutputCall(request.build(), events);
                calls.add(events);
            }
            for (CallEvents<StreamingOutputCallRequest, StreamingOutputCallResponse> call : calls) {
                List<Integer> sizes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sizes.add(call.nextMessage("message " + i).getPayload().getBody().size());
                }
                assertThat(sizes).isEqualTo(List.of(30_000, 1, 200 * KIB, 64 * KIB));
                assertThat(call.end(30).getCode()).isEqualTo(Status.Code.OK);
            }
        } finally {
            Clients.close(channel);
        }
    }

    static Stream<Arguments> streamCases() {
        return Stream.of("h2c", "tls").flatMap(t -> Stream.of(Arguments.of(t, 64 * KIB), Arguments.of(t, KIB)));
    }

    /** A Netty channel with a fixed window (no BDP auto-tuning), as a client with small windows has. */
    private ManagedChannel channel(boolean tls, int window) throws Exception {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoints.host(), tls ? endpoints.httpsPort() : endpoints.httpPort())
                .flowControlWindow(window)
                .maxInboundMessageSize(Clients.MAX_MESSAGE_BYTES);
        if (tls) {
            SslContext ssl = GrpcSslContexts.forClient()
                    .trustManager(new java.io.ByteArrayInputStream(endpoints.certificate().certificatePem()
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .build();
            builder.sslContext(ssl);
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }
}
