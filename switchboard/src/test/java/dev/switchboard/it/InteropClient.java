package dev.switchboard.it;

import io.grpc.ManagedChannelBuilder;
import io.grpc.testing.integration.AbstractInteropTest;

/**
 * grpc-java's interop client cases against a remote server: {@link AbstractInteropTest} with no in-process server,
 * driven by hand (setUp, one case, tearDown) as grpc-java's own TestServiceClient drives it.
 */
final class InteropClient extends AbstractInteropTest {

    private final ManagedChannelBuilder<?> channel;

    InteropClient(ManagedChannelBuilder<?> channel) {
        this.channel = channel;
    }

    @Override
    protected ManagedChannelBuilder<?> createChannelBuilder() {
        return channel;
    }

    @Override
    protected boolean metricsExpected() {
        // As TestServiceClient: exact census metrics are only checked against an in-process server.
        return false;
    }

    /** Runs one case by its interop name (e.g. {@code large_unary}). */
    void run(String testCase) throws Exception {
        setUp();
        try {
            switch (testCase) {
                case "empty_unary" -> emptyUnary();
                case "large_unary" -> largeUnary();
                case "client_compressed_unary" -> clientCompressedUnary(true);
                case "server_compressed_unary" -> serverCompressedUnary();
                case "client_streaming" -> clientStreaming();
                case "client_compressed_streaming" -> clientCompressedStreaming(true);
                case "server_streaming" -> serverStreaming();
                case "server_compressed_streaming" -> serverCompressedStreaming();
                case "ping_pong" -> pingPong();
                case "empty_stream" -> emptyStream();
                case "custom_metadata" -> customMetadata();
                case "status_code_and_message" -> statusCodeAndMessage();
                case "special_status_message" -> specialStatusMessage();
                case "unimplemented_method" -> unimplementedMethod();
                case "unimplemented_service" -> unimplementedService();
                case "cancel_after_begin" -> cancelAfterBegin();
                case "cancel_after_first_response" -> cancelAfterFirstResponse();
                case "timeout_on_sleeping_server" -> timeoutOnSleepingServer();
                case "very_large_request" -> veryLargeRequest();
                default -> throw new IllegalArgumentException("unknown interop case " + testCase);
            }
        } finally {
            tearDown();
        }
    }
}
