package dev.switchboard.bench.core;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.google.protobuf.CodedOutputStream;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.proto.Messages.SimpleResponse;
import io.grpc.benchmarks.qps.AsyncServer;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC work every variant shares, so that they differ only in how the bytes come in and go out: parse the one
 * uncompressed length-prefixed {@code SimpleRequest}, call the bench's service implementation directly (as J's
 * {@code PlainGrpcServlet} does), frame the response. No grpc-core: this measures the transport, not a call layer.
 */
final class UnaryCall {

    static final String PATH = "/grpc.testing.BenchmarkService/UnaryCall";

    private static final AsyncServer.BenchmarkServiceImpl IMPL = new AsyncServer.BenchmarkServiceImpl();

    private UnaryCall() {
    }

    /** The framed response to a framed request, or null when the request is not one uncompressed message. */
    static ByteBuffer answer(byte[] body, int length) throws IOException {
        if (length < 5 || body[0] != 0) {
            return null;
        }
        SimpleRequest request = SimpleRequest.parseFrom(ByteBuffer.wrap(body, 5, length - 5));
        Capture capture = new Capture();
        IMPL.unaryCall(request, capture);
        if (capture.response == null) {
            return null;
        }
        int size = capture.response.getSerializedSize();
        byte[] out = new byte[5 + size];
        out[1] = (byte) (size >>> 24);
        out[2] = (byte) (size >>> 16);
        out[3] = (byte) (size >>> 8);
        out[4] = (byte) size;
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 5, size);
        capture.response.writeTo(coded);
        return ByteBuffer.wrap(out);
    }

    /** What the service answered; it answers before returning. */
    private static final class Capture implements StreamObserver<SimpleResponse> {
        SimpleResponse response;

        @Override
        public void onNext(SimpleResponse value) {
            response = value;
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
