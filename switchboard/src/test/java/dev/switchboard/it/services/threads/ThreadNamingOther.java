package dev.switchboard.it.services.threads;

import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.OtherServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Without an annotation: the WAR of NonBlockingServiceIT makes its promise by name (context-param
 * {@code switchboard.non-blocking-services}). Answers with the name of the thread its code ran on.
 */
@ApplicationScoped
public class ThreadNamingOther extends OtherServiceGrpc.OtherServiceImplBase {

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        responseObserver.onNext(ThreadNamingEcho.here());
        responseObserver.onCompleted();
    }
}
