package dev.switchboard.bench.plain;

import io.grpc.benchmarks.proto.Messages.SimpleResponse;
import io.grpc.stub.StreamObserver;

/**
 * What the benchmark service's unary method answered when called directly (it answers before returning). Public for
 * jetty-core/ (bench/core-spike), which calls the service as J's servlets do.
 */
public final class UnaryCapture implements StreamObserver<SimpleResponse> {
    public SimpleResponse response;
    public Throwable error;

    @Override
    public void onNext(SimpleResponse value) {
        response = value;
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onCompleted() {
    }
}
