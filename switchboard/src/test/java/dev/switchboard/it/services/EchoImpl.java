package dev.switchboard.it.services;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;

import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.FailRequest;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.GrpcHealth;
import io.grpc.Context;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The test service's logic. Not a bean itself: {@link EchoService} binds it with an interceptor. */
public final class EchoImpl extends EchoServiceGrpc.EchoServiceImplBase {

    /** What service code observed, across calls (this class is loaded once per deployment). */
    static final AtomicInteger CANCELLATIONS = new AtomicInteger();
    static final AtomicInteger NOT_READY = new AtomicInteger();
    /** Sleep calls started so far: a test can wait for its call to have reached service code. */
    static final AtomicInteger SLEEPS = new AtomicInteger();

    private final GrpcHealth health;

    EchoImpl(GrpcHealth health) {
        this.health = health;
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        responseObserver.onNext(response(request));
        responseObserver.onCompleted();
    }

    @Override
    public void fail(FailRequest request, StreamObserver<EchoResponse> responseObserver) {
        Status status = Status.fromCodeValue(request.getCode());
        if (request.getMessage().equals("with details")) {
            responseObserver.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(request.getCode())
                    .setMessage("with details")
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField("text").setDescription("must not be empty")).build()))
                    .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(3)).build()))
                    .build()));
            return;
        }
        if (status.isOk()) {
            responseObserver.onNext(EchoResponse.newBuilder().setText("ok").build());
            responseObserver.onCompleted();
            return;
        }
        responseObserver.onError(status.withDescription(request.getMessage().isEmpty() ? null : request.getMessage())
                .asRuntimeException());
    }

    @Override
    public void crash(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        throw new IllegalStateException("secret internal detail " + request.getText());
    }

    @Override
    public void sleep(SleepRequest request, StreamObserver<EchoResponse> responseObserver) {
        if (request.getMillis() < 0) {
            waitForShutdown(responseObserver);
            return;
        }
        SLEEPS.incrementAndGet();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(request.getMillis());
        while (System.nanoTime() < deadline && !Context.current().isCancelled()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (Context.current().isCancelled()) {
            CANCELLATIONS.incrementAndGet();
            responseObserver.onError(Status.CANCELLED.withDescription("cancelled while sleeping").asRuntimeException());
            return;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        responseObserver.onNext(EchoResponse.newBuilder().setText("slept").setBig(waited).build());
        responseObserver.onCompleted();
    }

    /** Sleep with millis < 0: answers once health says NOT_SERVING, i.e. once shutdown has begun (10 s at most). */
    private void waitForShutdown(StreamObserver<EchoResponse> responseObserver) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (health.status("") != ServingStatus.NOT_SERVING && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        responseObserver.onNext(EchoResponse.newBuilder().setText("saw " + health.status("")).build());
        responseObserver.onCompleted();
    }

    @Override
    public void count(CountRequest request, StreamObserver<EchoResponse> responseObserver) {
        for (int i = 1; i <= request.getUpTo(); i++) {
            if (request.getFailAfter() > 0 && i > request.getFailAfter()) {
                responseObserver.onError(Status.FAILED_PRECONDITION.withDescription("failed after " + request.getFailAfter())
                        .asRuntimeException());
                return;
            }
            if (((ServerCallStreamObserver<EchoResponse>) responseObserver).isCancelled()) {
                CANCELLATIONS.incrementAndGet();
                return;
            }
            responseObserver.onNext(EchoResponse.newBuilder().setNumber(i).build());
            if (request.getPauseMillis() > 0) {
                try {
                    Thread.sleep(request.getPauseMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoResponse> responseObserver) {
        return new StreamObserver<>() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onNext(EchoRequest value) {
                text.append(value.getText());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                responseObserver.onNext(EchoResponse.newBuilder().setText(text.toString()).build());
                responseObserver.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoResponse> responseObserver) {
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoRequest value) {
                responseObserver.onNext(response(value));
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                responseObserver.onCompleted();
            }
        };
    }

    @Override
    public void flood(CountRequest request, StreamObserver<EchoResponse> responseObserver) {
        ServerCallStreamObserver<EchoResponse> call = (ServerCallStreamObserver<EchoResponse>) responseObserver;
        floodAsReady(request, call, NOT_READY::incrementAndGet);
        call.setOnCancelHandler(CANCELLATIONS::incrementAndGet);
    }

    /**
     * Streams {@code request.getUpTo()} 10 KiB messages as fast as {@code isReady()} allows; {@code notReady} runs each
     * time the stream was not ready with messages left.
     */
    static void floodAsReady(CountRequest request, ServerCallStreamObserver<EchoResponse> call, Runnable notReady) {
        EchoResponse chunk = EchoResponse.newBuilder().setText("x".repeat(10 * 1024)).build();
        AtomicInteger sent = new AtomicInteger();
        call.setOnReadyHandler(() -> {
            while (call.isReady() && sent.get() < request.getUpTo()) {
                call.onNext(chunk.toBuilder().setNumber(sent.incrementAndGet()).build());
            }
            if (sent.get() == request.getUpTo()) {
                if (sent.getAndIncrement() == request.getUpTo()) {
                    call.onCompleted();
                }
            } else if (sent.get() < request.getUpTo()) {
                notReady.run();
            }
        });
    }

    @Override
    public void stats(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        responseObserver.onNext(EchoResponse.newBuilder()
                .putSeen("cancellations", String.valueOf(CANCELLATIONS.get()))
                .putSeen("notReady", String.valueOf(NOT_READY.get()))
                .putSeen("sleeps", String.valueOf(SLEEPS.get()))
                .build());
        responseObserver.onCompleted();
    }

    private static EchoResponse response(EchoRequest request) {
        EchoResponse.Builder response = EchoResponse.newBuilder()
                .setText(request.getText())
                .setEchoText(request.getText())
                .setNumber(request.getNumber())
                .addAllTags(request.getTagsList())
                .setBig(request.getBig())
                .setColor(request.getColor());
        if (request.hasNested()) {
            response.setNested(request.getNested());
        }
        if (request.hasWhen()) {
            response.setWhen(request.getWhen());
        }
        Map<String, String> seen = SeenHeaders.VALUE.get();
        if (seen != null) {
            response.putAllSeen(seen);
        }
        return response.build();
    }
}
