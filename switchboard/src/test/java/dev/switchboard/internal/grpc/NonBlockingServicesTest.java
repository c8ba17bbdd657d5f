package dev.switchboard.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.internal.container.InlineFirstExecutor;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.OtherServiceGrpc;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;

class NonBlockingServicesTest {

    private final NonBlockingServices services = NonBlockingServices.of(Set.of("switchboard.test.v1.EchoService"));

    @Test
    void coversTheMethodsOfTheServicesNamedOnly() {
        assertThat(services.covers("switchboard.test.v1.EchoService/Echo")).isTrue();
        assertThat(services.covers("switchboard.test.v1.OtherService/Echo")).isFalse();
        assertThat(services.covers("switchboard.test.v1.EchoServiceX/Echo")).isFalse();
        assertThat(services.covers("no-slash")).isFalse();
        assertThat(NonBlockingServices.none().covers("switchboard.test.v1.EchoService/Echo")).isFalse();
        assertThat(NonBlockingServices.of(Set.of()).isEmpty()).isTrue();
    }

    @Test
    void movesThePromisedCallsInPlaceAndLeavesTheOthers() {
        assertThat(services.getExecutor(call(EchoServiceGrpc.getEchoMethod()), new Metadata()))
                .isSameAs(InlineFirstExecutor.IN_PLACE);
        assertThat(services.getExecutor(call(OtherServiceGrpc.getEchoMethod()), new Metadata())).isNull();
    }

    /** The start of a promised call has its first callback run here, however the executor would hand it off. */
    @Test
    void startsThePromisedCallsHere() {
        List<Runnable> pooled = new ArrayList<>();
        InlineFirstExecutor executor = new InlineFirstExecutor(16, pooled::add, thread -> false);
        List<String> ran = new ArrayList<>();
        InlineFirstExecutor.handingOff(() -> {
            services.starting("switchboard.test.v1.EchoService/Echo", () -> executor.execute(() -> ran.add("promised")));
            services.starting("switchboard.test.v1.OtherService/Echo", () -> executor.execute(() -> ran.add("other")));
        });
        assertThat(ran).containsExactly("promised");
        assertThat(pooled).hasSize(1);
    }

    private static <ReqT, RespT> ServerCall<ReqT, RespT> call(MethodDescriptor<ReqT, RespT> method) {
        return new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(RespT message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public Attributes getAttributes() {
                return Attributes.EMPTY;
            }

            @Override
            public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
                return method;
            }
        };
    }
}
