package dev.switchboard.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.common.util.concurrent.ListenableFuture;

import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

class CallTrackerTest {

    private final CallTracker tracker = new CallTracker();
    private final CountDownLatch sleeping = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        EchoServiceGrpc.EchoServiceImplBase service = new EchoServiceGrpc.EchoServiceImplBase() {
            @Override
            public void sleep(SleepRequest request, StreamObserver<EchoResponse> observer) {
                sleeping.countDown();
                try {
                    Thread.sleep(request.getMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                observer.onNext(EchoResponse.newBuilder().setText("slept").build());
                observer.onCompleted();
            }

            @Override
            public void crash(EchoRequest request, StreamObserver<EchoResponse> observer) {
                throw new IllegalStateException("boom");
            }
        };
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(ServerInterceptors.intercept(service, tracker)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void callsThatFinishWithinTheGracePeriodComplete() throws Exception {
        ListenableFuture<EchoResponse> call = EchoServiceGrpc.newFutureStub(channel).sleep(SleepRequest.newBuilder().setMillis(300).build());
        assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.inFlight()).isEqualTo(1);
        assertThat(tracker.drain(Duration.ofSeconds(5))).isZero();
        assertThat(call.get(5, TimeUnit.SECONDS).getText()).isEqualTo("slept");
    }

    @Test
    void callsPastTheGracePeriodEndWithUnavailableAndNewCallsAreRefused() throws Exception {
        ListenableFuture<EchoResponse> call = EchoServiceGrpc.newFutureStub(channel).sleep(SleepRequest.newBuilder().setMillis(3000).build());
        assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.drain(Duration.ofMillis(100))).isEqualTo(1);
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StatusRuntimeException.class)
                .cause().extracting(e -> ((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel).sleep(SleepRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).contains("shutting down");
                });
    }

    @Test
    void anExceptionInServiceCodeIsUnknownAndTheCallIsNoLongerTracked() {
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel).crash(EchoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
        // grpc-java ends the server side of the call just after the client has its status.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tracker.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(tracker.inFlight()).isZero();
    }
}
