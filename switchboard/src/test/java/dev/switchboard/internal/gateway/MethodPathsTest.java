package dev.switchboard.internal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.test.v1.EchoServiceGrpc;
import io.grpc.InternalServer;
import io.grpc.ServerServiceDefinition;
import jakarta.servlet.http.HttpServletRequest;

class MethodPathsTest {

    static class EchoBean extends EchoServiceGrpc.EchoServiceImplBase {
    }

    private static final String ECHO = "/switchboard.test.v1.EchoService/Echo";

    private final ServerServiceDefinition echo = new EchoBean().bindService();
    private final MethodPaths paths = MethodPaths.of(List.of(echo));

    @Test
    void connectContentTypesAndTheGetFormMatch() {
        for (String type : List.of("application/json", "application/json; charset=utf-8", "application/proto",
                "application/connect+json", "Application/Connect+Proto")) {
            Routes.Match match = paths.match(request("POST", type, null), ECHO);
            assertThat(match).as(type).isNotNull();
            assertThat(match.route().method().getMethodDescriptor().getFullMethodName()).isEqualTo("switchboard.test.v1.EchoService/Echo");
            assertThat(match.route().protocol()).isEqualTo("connect");
        }
        assertThat(paths.match(request("GET", null, "connect=v1&encoding=json&message=%7B%7D"), ECHO)).isNotNull();
        assertThat(paths.match(request("GET", null, "message=CgF4&base64=1&encoding=proto"), ECHO)).isNotNull();
    }

    @Test
    void otherRequestsAreNotConnect() {
        for (String type : List.of("application/grpc", "application/x-ndjson", "text/plain", "application/xml")) {
            assertThat(paths.match(request("POST", type, null), ECHO)).as(type).isNull();
        }
        assertThat(paths.match(request("POST", null, null), ECHO)).isNull();
        assertThat(paths.match(request("PUT", "application/json", null), ECHO)).isNull();
        assertThat(paths.match(request("GET", null, null), ECHO)).isNull();
        assertThat(paths.match(request("GET", null, "text=x"), ECHO)).isNull();
        assertThat(paths.match(request("GET", null, "encoding=json"), ECHO)).isNull();
    }

    @Test
    void aServedServiceWithoutTheMethodMatchesWithoutARouteAndOtherPathsNotAtAll() {
        HttpServletRequest json = request("POST", "application/json", null);
        assertThat(paths.match(json, "/switchboard.test.v1.EchoService/Nope")).isNotNull().extracting(Routes.Match::route).isNull();
        assertThat(paths.match(json, "/no.Such/Method")).isNull();
        assertThat(paths.match(json, ECHO + "/more")).isNull();
        assertThat(paths.match(json, "/")).isNull();
        assertThat(MethodPaths.none().match(json, ECHO)).isNull();
    }

    @Test
    void reflectionFindsTheServedServicesInTheCallsContext() {
        Routes.Route route = paths.match(request("POST", "application/json", null), ECHO).route();
        assertThat(InternalServer.SERVER_CONTEXT_KEY.get(route.parent()).getImmutableServices()).containsExactly(echo);
    }

    private static HttpServletRequest request(String method, String contentType, String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(MethodPathsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> "Content-Type".equalsIgnoreCase((String) args[0]) ? contentType : null;
                    case "getQueryString" -> query;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
