package dev.switchboard.bench.plain;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.qps.AsyncServer;

/**
 * The gRPC work every variant shares, so that they differ only in how the bytes come in and go out: parse the one
 * uncompressed length-prefixed {@code SimpleRequest}, call the bench's service implementation directly and frame the
 * response, as J's {@code PlainGrpcServlet} does. No grpc-core: this measures the transport. Shared by jetty-core/
 * (bench/core-spike) and undertow-spike-war/ (bench/undertow-spike).
 */
public final class UnaryCall {

    public static final String PATH = "/grpc.testing.BenchmarkService/UnaryCall";

    private static final AsyncServer.BenchmarkServiceImpl IMPL = new AsyncServer.BenchmarkServiceImpl();

    private UnaryCall() {
    }

    /** The framed response to a framed request, or null when the request is not one uncompressed message. */
    public static ByteBuffer answer(byte[] body, int length) throws IOException {
        if (length < 5 || body[0] != 0) {
            return null;
        }
        SimpleRequest request = SimpleRequest.parseFrom(ByteBuffer.wrap(body, 5, length - 5));
        UnaryCapture capture = new UnaryCapture();
        IMPL.unaryCall(request, capture);
        return capture.response == null ? null : ByteBuffer.wrap(PlainGrpcServlet.framed(capture.response));
    }
}
