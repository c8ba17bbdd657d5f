package dev.switchboard.it.services;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.Book;
import dev.switchboard.test.v1.ConflictingLibraryServiceGrpc;
import dev.switchboard.test.v1.GetBookRequest;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A service whose google.api.http rule is identical to {@link LibraryServiceImpl}'s GetBook: deployed beside it under a
 * gateway that exposes both ({@link AllServicesGateway}), the deployment must fail and name both methods.
 */
@ApplicationScoped
@GrpcService
public class ConflictingLibraryServiceImpl extends ConflictingLibraryServiceGrpc.ConflictingLibraryServiceImplBase {

    @Override
    public void fetchBook(GetBookRequest request, StreamObserver<Book> responseObserver) {
        responseObserver.onNext(Book.newBuilder().setName(request.getName()).build());
        responseObserver.onCompleted();
    }
}
