package dev.switchboard.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

/** The reflection check both transports must pass (the container's connector and the dedicated gRPC port). */
public final class ReflectionChecks {

    private ReflectionChecks() {
    }

    /** Reflection lists Greeter, health and reflection, and describes Greeter's file. */
    public static void listsAndDescribesTheGreeter(Channel channel) throws InterruptedException {
        LinkedBlockingQueue<ServerReflectionResponse> responses = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        errors.add(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol("Greeter").build());
        ServerReflectionResponse list = responses.poll(10, TimeUnit.SECONDS);
        ServerReflectionResponse file = responses.poll(10, TimeUnit.SECONDS);
        requests.onCompleted();
        assertThat(errors).as("reflection stream errors").isEmpty();
        assertThat(list).as("reflection's answer to list_services").isNotNull();
        assertThat(list.getListServicesResponse().getServiceList()).extracting(s -> s.getName())
                .contains("Greeter", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        assertThat(file).as("reflection's answer to file_containing_symbol").isNotNull();
        assertThat(file.getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
    }
}
