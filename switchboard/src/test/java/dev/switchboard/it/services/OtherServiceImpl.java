package dev.switchboard.it.services;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.OtherServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An {@code @ApplicationScoped} bean extending a generated base class, whose final {@code bindService()} makes it
 * unproxyable for {@code @Inject}; Switchboard serves it all the same.
 */
@ApplicationScoped
@GrpcService(httpName = "other")
public class OtherServiceImpl extends OtherServiceGrpc.OtherServiceImplBase {

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        responseObserver.onNext(EchoResponse.newBuilder().setText("other: " + request.getText()).build());
        responseObserver.onCompleted();
    }
}
