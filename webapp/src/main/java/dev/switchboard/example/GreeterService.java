package dev.switchboard.example;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The example's GreeterService (Ravyn's GrpcGateway example, in Java). Being a CDI bean that implements {@code BindableService} (every generated
 * {@code *ImplBase} does) is all it takes to be served: no {@code __add_to_server__}.
 */
@ApplicationScoped
public class GreeterService extends GreeterGrpc.GreeterImplBase {

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        // Validate input
        if (request.getName().equals("error")) {
            responseObserver.onError(Status.INVALID_ARGUMENT.withDescription("Invalid request").asRuntimeException());
            return;
        }
        // Return response
        responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
        responseObserver.onCompleted();
    }

    /** Streaming over gRPC: {@code count} greetings (3 when unset), one message each. */
    @Override
    public void sayHelloStream(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        if (request.getCount() < 0 || request.getCount() > 1000) {
            responseObserver.onError(Status.INVALID_ARGUMENT.withDescription("count must be from 0 to 1000").asRuntimeException());
            return;
        }
        int count = request.getCount() == 0 ? 3 : request.getCount();
        for (int i = 1; i <= count; i++) {
            responseObserver.onNext(HelloReply.newBuilder()
                    .setMessage("Hello, " + request.getName() + "! (" + i + "/" + count + ")")
                    .build());
        }
        responseObserver.onCompleted();
    }
}
