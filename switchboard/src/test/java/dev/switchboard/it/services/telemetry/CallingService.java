package dev.switchboard.it.services.telemetry;

import java.util.concurrent.TimeUnit;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.OtherServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Service A of the cross-protocol trace: OtherService/Echo calls EchoService/Echo over native gRPC (h2c) at the
 * {@code host:port} its request's text names — the same server — through a channel with {@link TracePropagation}.
 */
@ApplicationScoped
@GrpcService
public class CallingService extends OtherServiceGrpc.OtherServiceImplBase {

    @Inject
    OpenTelemetry openTelemetry;

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(request.getText()).usePlaintext()
                .intercept(new TracePropagation(openTelemetry)).build();
        try {
            EchoResponse b = EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .echo(EchoRequest.newBuilder().setText("from A").build());
            responseObserver.onNext(EchoResponse.newBuilder().setText("A got: " + b.getText()).build());
            responseObserver.onCompleted();
        } finally {
            channel.shutdownNow();
        }
    }
}
