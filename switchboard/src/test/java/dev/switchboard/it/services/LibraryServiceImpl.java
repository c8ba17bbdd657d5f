package dev.switchboard.it.services;

import com.google.api.HttpBody;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.Book;
import dev.switchboard.test.v1.CreateBookRequest;
import dev.switchboard.test.v1.DeleteBookRequest;
import dev.switchboard.test.v1.GetBookRequest;
import dev.switchboard.test.v1.GetShelfRequest;
import dev.switchboard.test.v1.LibraryServiceGrpc;
import dev.switchboard.test.v1.ListBooksRequest;
import dev.switchboard.test.v1.ListBooksResponse;
import dev.switchboard.test.v1.MoveBookRequest;
import dev.switchboard.test.v1.PutCoverRequest;
import dev.switchboard.test.v1.SearchRequest;
import dev.switchboard.test.v1.Shelf;
import dev.switchboard.test.v1.UpdateBookRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The annotated library of the HTTP rule tests. It stores nothing: each method answers with what its request carried,
 * so that a test sees exactly how the rule mapped path, query and body into the request.
 */
@ApplicationScoped
@GrpcService
public class LibraryServiceImpl extends LibraryServiceGrpc.LibraryServiceImplBase {

    @Override
    public void getBook(GetBookRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, Book.newBuilder().setName(request.getName()).setTitle("Title of " + request.getName()).build());
    }

    @Override
    public void listBooks(ListBooksRequest request, StreamObserver<ListBooksResponse> responseObserver) {
        ListBooksResponse.Builder response = ListBooksResponse.newBuilder().setNextPageToken(request.getPageToken() + "+");
        for (int i = 1; i <= (request.getPageSize() == 0 ? 2 : request.getPageSize()); i++) {
            response.addBooks(book(request.getShelf(), i));
        }
        reply(responseObserver, response.build());
    }

    @Override
    public void createBook(CreateBookRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, request.getBook().toBuilder()
                .setName("shelves/" + request.getShelf() + "/books/" + request.getBookId()).build());
    }

    @Override
    public void updateBook(UpdateBookRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, request.getBook().toBuilder().addAllTags(request.getUpdateMask().getPathsList()).build());
    }

    @Override
    public void replaceBook(Book request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, request);
    }

    @Override
    public void deleteBook(DeleteBookRequest request, StreamObserver<Empty> responseObserver) {
        if (request.getName().endsWith("/missing") && !request.getForce()) {
            responseObserver.onError(Status.NOT_FOUND.withDescription("No book " + request.getName()).asRuntimeException());
            return;
        }
        reply(responseObserver, Empty.getDefaultInstance());
    }

    @Override
    public void archiveBook(GetBookRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, Book.newBuilder().setName(request.getName()).addTags("archived").build());
    }

    @Override
    public void moveBook(MoveBookRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, Book.newBuilder().setName(request.getDestination()).addTags("moved from " + request.getName()).build());
    }

    @Override
    public void getShelf(GetShelfRequest request, StreamObserver<Shelf> responseObserver) {
        reply(responseObserver, Shelf.newBuilder().setId(request.getShelfId()).setTheme("shelf " + request.getShelfId()).build());
    }

    @Override
    public void search(SearchRequest request, StreamObserver<SearchRequest> responseObserver) {
        reply(responseObserver, request);
    }

    @Override
    public void watchBooks(ListBooksRequest request, StreamObserver<Book> responseObserver) {
        for (int i = 1; i <= (request.getPageSize() == 0 ? 3 : request.getPageSize()); i++) {
            responseObserver.onNext(book(request.getShelf(), i));
            if (request.getPageToken().equals("fail")) {
                responseObserver.onError(Status.FAILED_PRECONDITION.withDescription("stopped after " + i).asRuntimeException());
                return;
            }
        }
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<CreateBookRequest> createBooks(StreamObserver<ListBooksResponse> responseObserver) {
        ListBooksResponse.Builder created = ListBooksResponse.newBuilder();
        return new StreamObserver<>() {
            @Override
            public void onNext(CreateBookRequest request) {
                created.addBooks(request.getBook().toBuilder()
                        .setName("shelves/" + request.getShelf() + "/books/" + request.getBook().getTitle()).addTags(request.getBookId()));
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                reply(responseObserver, created.build());
            }
        };
    }

    @Override
    public void getCover(GetBookRequest request, StreamObserver<HttpBody> responseObserver) {
        byte[] png = new byte[256];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) i;
        }
        reply(responseObserver, HttpBody.newBuilder().setContentType("image/png").setData(ByteString.copyFrom(png)).build());
    }

    @Override
    public void putCover(PutCoverRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, Book.newBuilder().setName(request.getName()).addTags(request.getCover().getContentType())
                .addTags(request.getCover().getData().size() + " bytes").addTags("overwrite " + request.getOverwrite()).build());
    }

    @Override
    public void import_(HttpBody request, StreamObserver<HttpBody> responseObserver) {
        reply(responseObserver, HttpBody.newBuilder().setContentType("text/plain; charset=utf-8")
                .setData(ByteString.copyFromUtf8("imported " + request.getData().size() + " bytes of " + request.getContentType())).build());
    }

    @Override
    public void ping(GetBookRequest request, StreamObserver<Book> responseObserver) {
        reply(responseObserver, Book.newBuilder().setName("pong " + request.getName()).build());
    }

    private static Book book(String shelf, int i) {
        return Book.newBuilder().setName("shelves/" + shelf + "/books/" + i).setTitle("Book " + i).build();
    }

    private static <T> void reply(StreamObserver<T> observer, T message) {
        observer.onNext(message);
        observer.onCompleted();
    }
}
