package dev.switchboard.it.services;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * The echo service for flow-control tests from outside, where service code sets the pace: {@code Collect} takes one
 * message and then no more until {@code Echo("release")}; {@code Flood} streams as fast as {@code isReady()} lets it
 * and counts the times it had to wait; {@code Echo("stats")} tells what it saw.
 */
@Singleton
@GrpcService
public class PacedEcho extends EchoServiceGrpc.EchoServiceImplBase {

    private final List<Held> held = new ArrayList<>();
    private boolean released;
    private final AtomicInteger notReady = new AtomicInteger();

    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoResponse> responseObserver) {
        ServerCallStreamObserver<EchoResponse> call = (ServerCallStreamObserver<EchoResponse>) responseObserver;
        call.disableAutoRequest();
        Held collector = new Held(call);
        synchronized (this) {
            held.add(collector);
        }
        call.request(1);
        return collector;
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        EchoResponse.Builder reply = EchoResponse.newBuilder().setText(request.getText());
        if (request.getText().equals("release")) {
            List<Held> calls;
            synchronized (this) {
                released = true;
                calls = List.copyOf(held);
            }
            calls.forEach(Held::release);
        } else if (request.getText().equals("stats")) {
            reply.putSeen("notReady", String.valueOf(notReady.get()));
        }
        responseObserver.onNext(reply.build());
        responseObserver.onCompleted();
    }

    @Override
    public void flood(CountRequest request, StreamObserver<EchoResponse> responseObserver) {
        EchoImpl.floodAsReady(request, (ServerCallStreamObserver<EchoResponse>) responseObserver, notReady::incrementAndGet);
    }

    private synchronized boolean released() {
        return released;
    }

    /** One Collect call: counts what it took; asks for the next message only once released. */
    private final class Held implements StreamObserver<EchoRequest> {
        private final ServerCallStreamObserver<EchoResponse> call;
        private int messages;
        private long bytes;
        /** A message was taken and the next not asked for yet. */
        private boolean owed;

        Held(ServerCallStreamObserver<EchoResponse> call) {
            this.call = call;
        }

        @Override
        public synchronized void onNext(EchoRequest value) {
            messages++;
            bytes += value.getText().length();
            if (released()) {
                call.request(1);
            } else {
                owed = true;
            }
        }

        synchronized void release() {
            if (owed) {
                owed = false;
                call.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            synchronized (PacedEcho.this) {
                held.remove(this);
            }
        }

        @Override
        public synchronized void onCompleted() {
            synchronized (PacedEcho.this) {
                held.remove(this);
            }
            call.onNext(EchoResponse.newBuilder().setNumber(messages).setBig(bytes).build());
            call.onCompleted();
        }
    }
}
