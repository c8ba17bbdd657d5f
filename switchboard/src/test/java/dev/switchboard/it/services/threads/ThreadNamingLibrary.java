package dev.switchboard.it.services.threads;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.Book;
import dev.switchboard.test.v1.GetBookRequest;
import dev.switchboard.test.v1.LibraryServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** Without the promise: {@code Ping} answers with the name of the thread its code ran on (the book's title). */
@Singleton
@GrpcService
public class ThreadNamingLibrary extends LibraryServiceGrpc.LibraryServiceImplBase {

    @Override
    public void ping(GetBookRequest request, StreamObserver<Book> responseObserver) {
        responseObserver.onNext(Book.newBuilder().setTitle(Thread.currentThread().getName()).build());
        responseObserver.onCompleted();
    }
}
