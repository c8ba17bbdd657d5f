package dev.switchboard.it.services;

import dev.switchboard.GrpcService;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** A {@code @Singleton} service: not bean-defining on its own in "annotated" archives, so it carries the stereotype. */
@Singleton
@GrpcService
public class SingletonGreeter extends GreeterGrpc.GreeterImplBase {

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
        responseObserver.onCompleted();
    }
}
