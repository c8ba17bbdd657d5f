package dev.switchboard.it.services.threads;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * Promises never to block, by its annotation; every answer's text is the name of the thread the code that sent it
 * ran on — for {@code Collect}, the names of the threads each message and the end were delivered on.
 */
@Singleton
@GrpcService(nonBlocking = true)
public class ThreadNamingEcho extends EchoServiceGrpc.EchoServiceImplBase {

    static EchoResponse here() {
        return EchoResponse.newBuilder().setText(Thread.currentThread().getName()).build();
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        responseObserver.onNext(here());
        responseObserver.onCompleted();
    }

    @Override
    public void count(CountRequest request, StreamObserver<EchoResponse> responseObserver) {
        for (int i = 0; i < request.getUpTo(); i++) {
            responseObserver.onNext(here());
        }
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoResponse> responseObserver) {
        Set<String> threads = new LinkedHashSet<>();
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoRequest value) {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                threads.add(Thread.currentThread().getName());
                responseObserver.onNext(EchoResponse.newBuilder().addAllTags(threads).build());
                responseObserver.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoResponse> responseObserver) {
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoRequest value) {
                responseObserver.onNext(here());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                responseObserver.onCompleted();
            }
        };
    }
}
