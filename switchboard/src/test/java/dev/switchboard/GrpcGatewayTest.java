package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.switchboard.test.v1.EchoServiceGrpc;

class GrpcGatewayTest {

    static class Echo extends EchoServiceGrpc.EchoServiceImplBase {
    }

    @Test
    void defaultsAreRavynsGrpcGateways() {
        GrpcGateway gateway = GrpcGateway.builder().build();
        assertThat(gateway.path()).isEqualTo("/grpc");
        assertThat(gateway.exposeHttp()).isFalse();
        assertThat(gateway.services()).isEmpty();
        assertThat(gateway.includes(Echo.class)).isTrue();
        assertThat(gateway.allowsHttpMethod("DELETE")).isTrue();
    }

    @Test
    void keepsWhatWasSet() {
        GrpcGateway gateway = GrpcGateway.builder().path("/secure/").services(Echo.class).exposeHttp(true).httpMethods("post").build();
        assertThat(gateway.path()).isEqualTo("/secure");
        assertThat(gateway.services()).containsExactly(Echo.class);
        assertThat(gateway.exposeHttp()).isTrue();
        assertThat(gateway.allowsHttpMethod("POST")).isTrue();
        assertThat(gateway.allowsHttpMethod("get")).isFalse();
        assertThat(gateway.includes(Object.class)).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> GrpcGateway.builder().path("grpc")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/");
        assertThatThrownBy(() -> GrpcGateway.builder().path(null)).isInstanceOf(NullPointerException.class).hasMessage("path");
        assertThatThrownBy(() -> GrpcGateway.builder().services(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BindableService");
        assertThatThrownBy(() -> GrpcGateway.builder().httpMethods("PO ST")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        GrpcGateway gateway = GrpcGateway.builder().services(Echo.class).httpMethods("GET").build();
        assertThatThrownBy(() -> gateway.services().add(Echo.class)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> gateway.httpMethods().add("PUT")).isInstanceOf(UnsupportedOperationException.class);
    }
}
