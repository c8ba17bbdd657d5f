package dev.switchboard.internal.gateway;

import dev.switchboard.internal.cdi.ServiceBinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.GrpcGateway;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.OtherServiceGrpc;

class RoutesTest {

    static class EchoBean extends EchoServiceGrpc.EchoServiceImplBase {
    }

    static class OtherBean extends OtherServiceGrpc.OtherServiceImplBase {
    }

    private final List<ServiceBinding> services = List.of(
            new ServiceBinding("switchboard.test.v1.EchoService", EchoBean.class, "echobean", new EchoBean().bindService(), List.of(), false),
            new ServiceBinding("switchboard.test.v1.OtherService", OtherBean.class, "other", new OtherBean().bindService(), List.of(), false));

    @Test
    void answersCanonicalAndSeedRoutesUnderTheBasePath() {
        Routes routes = Routes.build("/api", List.of(GrpcGateway.builder().exposeHttp(true).build()), services);
        assertThat(routes.match("/api/grpc/switchboard.test.v1.EchoService/Echo").route().method().getMethodDescriptor()
                .getFullMethodName()).isEqualTo("switchboard.test.v1.EchoService/Echo");
        assertThat(routes.match("/api/grpc/echobean/echo").route().method().getMethodDescriptor().getFullMethodName())
                .isEqualTo("switchboard.test.v1.EchoService/Echo");
        assertThat(routes.match("/api/grpc/other/echo").route().method().getMethodDescriptor().getFullMethodName())
                .isEqualTo("switchboard.test.v1.OtherService/Echo");
    }

    @Test
    void aPathUnderAGatewayWithoutAMethodMatchesWithoutARoute() {
        Routes routes = Routes.build("", List.of(GrpcGateway.builder().exposeHttp(true).build()), services);
        assertThat(routes.match("/grpc/nope/nothing")).isNotNull().extracting(Routes.Match::route).isNull();
        assertThat(routes.match("/grpc")).isNotNull();
        assertThat(routes.covers("/grpc/nope/nothing")).isTrue();
        assertThat(routes.covers("/grpc")).isTrue();
    }

    @Test
    void pathsOutsideEveryGatewayAreNotMatched() {
        Routes routes = Routes.build("", List.of(GrpcGateway.builder().exposeHttp(true).build()), services);
        assertThat(routes.match("/grpcx/echobean/echo")).isNull();
        assertThat(routes.match("/index.html")).isNull();
        assertThat(routes.covers("/grpcx/echobean/echo")).isFalse();
        assertThat(routes.covers("/index.html")).isFalse();
    }

    @Test
    void gatewaysWithoutExposeHttpHaveNoRoutes() {
        Routes routes = Routes.build("", List.of(GrpcGateway.builder().build()), services);
        assertThat(routes.isEmpty()).isTrue();
        assertThat(routes.match("/grpc/echobean/echo")).isNull();
    }

    @Test
    void aGatewayServesOnlyItsServicesAndTheLongestPrefixWins() {
        GrpcGateway all = GrpcGateway.builder().path("/rpc").exposeHttp(true).build();
        GrpcGateway other = GrpcGateway.builder().path("/rpc/other-only").services(OtherBean.class).exposeHttp(true).build();
        Routes routes = Routes.build("", List.of(all, other), services);
        assertThat(routes.match("/rpc/other-only/other/echo").gateway()).isSameAs(other);
        assertThat(routes.match("/rpc/other-only/echobean/echo").route()).isNull();
        assertThat(routes.match("/rpc/echobean/echo").gateway()).isSameAs(all);
    }
}
