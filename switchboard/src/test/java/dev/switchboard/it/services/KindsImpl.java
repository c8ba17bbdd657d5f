package dev.switchboard.it.services;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.AllKinds;
import dev.switchboard.test.v1.KindsServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers with the message it is given: every kind of field, through whatever client calls it. */
@ApplicationScoped
@GrpcService
public class KindsImpl extends KindsServiceGrpc.KindsServiceImplBase {

    @Override
    public void mirror(AllKinds request, StreamObserver<AllKinds> responseObserver) {
        responseObserver.onNext(request);
        responseObserver.onCompleted();
    }
}
