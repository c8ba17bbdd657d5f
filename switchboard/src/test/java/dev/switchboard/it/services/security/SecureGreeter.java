package dev.switchboard.it.services.security;

import dev.switchboard.GrpcSecurity;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import io.grpc.stub.StreamObserver;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** Admins only, but for sayHello, which anyone the container let in may call; it says who called. */
@ApplicationScoped
@RolesAllowed("admin")
public class SecureGreeter extends GreeterGrpc.GreeterImplBase {

    @Override
    @PermitAll
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello, " + GrpcSecurity.principal().getName()
                + ", admin=" + GrpcSecurity.isCallerInRole("admin")).build());
        responseObserver.onCompleted();
    }

    @Override
    public void sayHelloStream(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        responseObserver.onNext(HelloReply.newBuilder().setMessage("secret for " + GrpcSecurity.principal().getName()).build());
        responseObserver.onCompleted();
    }
}
