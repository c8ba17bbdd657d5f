package dev.switchboard.it.services.security;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.switchboard.GrpcSecurity;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/** Says which client certificate the caller presented. */
@ApplicationScoped
public class CertificateGreeter extends GreeterGrpc.GreeterImplBase {

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        List<X509Certificate> chain = GrpcSecurity.clientCertificates();
        responseObserver.onNext(HelloReply.newBuilder()
                .setMessage("cert=" + (chain.isEmpty() ? "none" : chain.get(0).getSubjectX500Principal().getName())).build());
        responseObserver.onCompleted();
    }
}
