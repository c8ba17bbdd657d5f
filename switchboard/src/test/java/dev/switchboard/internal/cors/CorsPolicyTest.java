package dev.switchboard.internal.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The CORS policy read from context-params, and applied to requests (servlet API fakes, no container). */
class CorsPolicyTest {

    private static final String ORIGINS = "test.origins";
    private static final String HEADERS = "test.headers";
    private static final String MAX_AGE = "test.max-age";

    private static CorsPolicy policy(String origins, String headers, String maxAge) {
        Map<String, String> params = new HashMap<>();
        params.put(ORIGINS, origins);
        params.put(HEADERS, headers);
        params.put(MAX_AGE, maxAge);
        return CorsPolicy.from(params::get, ORIGINS, HEADERS, MAX_AGE, 7200);
    }

    @Test
    void byDefaultNoOriginIsAllowed() {
        CorsPolicy policy = policy(null, null, null);
        for (String origin : new String[] {"https://app.example.com", "http://localhost:8080", "null", "*", ""}) {
            assertThat(policy.allows(origin)).as(origin).isFalse();
        }
        assertThat(policy.maxAgeSeconds()).isEqualTo(7200);
        assertThat(policy.allowHeaders()).isEqualTo(String.join(", ", CorsPolicy.DEFAULT_HEADERS));
    }

    @Test
    void listedOriginsAreComparedInTheFormBrowsersSend() {
        CorsPolicy policy = policy(" https://App.Example.com:443 ,, http://localhost:5173,http://[::1]:8080 ", "", " ");
        assertThat(policy.allows("https://app.example.com")).isTrue();
        assertThat(policy.allows("https://app.example.com:443")).isTrue();
        assertThat(policy.allows("http://localhost:5173")).isTrue();
        assertThat(policy.allows("http://[::1]:8080")).isTrue();
        for (String other : new String[] {"http://app.example.com", "https://app.example.com:8443", "https://example.com",
                "https://app.example.com.evil.test", "https://evil.test/https://app.example.com", "http://localhost:5174",
                "http://localhost", "null", "", "https://app.example.com/", "not an origin"}) {
            assertThat(policy.allows(other)).as(other).isFalse();
        }
    }

    @Test
    void aStarAllowsEveryOrigin() {
        CorsPolicy policy = policy("*", null, null);
        assertThat(policy.allows("https://anything.test")).isTrue();
        assertThat(policy.allows("null")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://app.example.com/path", "app.example.com", "https://*.example.com",
            "null", "https://user@app.example.com", "https://app.example.com?x=1", "https://app.example.com#x",
            "http://localhost:70000", "https://a.test, *.b.test", "https://bad host.test"})
    void anOriginThatIsNoneFailsTheDeploymentNamingTheContextParam(String origins) {
        assertThatThrownBy(() -> policy(origins, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context-param " + ORIGINS + ": ");
    }

    @Test
    void extraHeadersComeAfterTheProtocolsOwnLowerCasedOnce() {
        CorsPolicy policy = policy("https://a.test", "Authorization, x-request-id,X-Request-Id, content-type", null);
        assertThat(policy.allowHeaders()).isEqualTo(String.join(", ", CorsPolicy.DEFAULT_HEADERS) + ", authorization, x-request-id");
        assertThat(policy("https://a.test", "*", null).allowHeaders()).endsWith(", *");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x y", "x-*", "a:b", "authorization; x", "é"})
    void aHeaderThatIsNoNameFailsTheDeploymentNamingTheContextParam(String headers) {
        assertThatThrownBy(() -> policy("https://a.test", headers, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("context-param " + HEADERS + " ")
                .hasMessageContaining(headers);
    }

    @Test
    void maxAgeIsSecondsWithinWhatBrowsersHonour() {
        assertThat(policy(null, null, " 0 ").maxAgeSeconds()).isZero();
        assertThat(policy(null, null, "86400").maxAgeSeconds()).isEqualTo(86400);
        for (String bad : new String[] {"-1", "86401", "2h", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> policy(null, null, bad)).as(bad)
                    .hasMessageStartingWith("context-param " + MAX_AGE + " ").hasMessageContaining("'" + bad + "'");
        }
    }

    /**
     * The request's own origin is its scheme, host and port as the container sees them; an IPv6 host may come with or
     * without brackets. Another scheme or port is another origin.
     */
    @ParameterizedTest
    @CsvSource(value = {
            "http,localhost,8080,NULL,SAME_ORIGIN", "http,localhost,8080,http://LocalHost:8080,SAME_ORIGIN",
            "https,app.test,443,https://app.test,SAME_ORIGIN", "http,::1,8080,http://[::1]:8080,SAME_ORIGIN",
            "http,[::1],8080,http://[::1]:8080,SAME_ORIGIN", "http,app.test,80,https://app.test,REFUSED",
            "http,localhost,8080,http://localhost:8081,REFUSED", "http,localhost,8080,null,REFUSED",
            "http,localhost,8080,https://a.test,ALLOWED"}, nullValues = "NULL")
    void aRequestIsSameOriginWithoutOriginOrFromItsOwn(String scheme, String host, int port, String origin,
            CrossOrigin.Verdict expected) {
        CrossOrigin cors = new CrossOrigin(policy("https://a.test", null, null));
        Map<String, String> headers = origin == null ? Map.of() : Map.of("Origin", origin);
        assertThat(cors.verdict(request("POST", scheme, host, port, headers))).isEqualTo(expected);
    }

    @Test
    void anAllowedPreflightIsAnswered() {
        CrossOrigin cors = new CrossOrigin(policy("https://a.test", "authorization", "600"));
        HttpServletRequest preflight = request("OPTIONS", "http", "localhost", 8080,
                Map.of("Origin", "https://a.test", "Access-Control-Request-Method", "POST"));
        assertThat(CrossOrigin.isPreflight(preflight)).isTrue();
        assertThat(CrossOrigin.isPreflight(request("OPTIONS", "http", "localhost", 8080, Map.of("Origin", "https://a.test")))).isFalse();
        assertThat(CrossOrigin.isPreflight(request("POST", "http", "localhost", 8080,
                Map.of("Origin", "https://a.test", "Access-Control-Request-Method", "POST")))).isFalse();
        Map<String, String> headers = new LinkedHashMap<>();
        int[] status = {200};
        cors.answerPreflight(preflight, response(headers, status));
        assertThat(status[0]).isEqualTo(204);
        assertThat(headers).containsEntry("Access-Control-Allow-Origin", "https://a.test")
                .containsEntry("Vary", "Origin")
                .containsEntry("Access-Control-Allow-Methods", "POST, GET")
                .containsEntry("Access-Control-Max-Age", "600")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(headers.get("Access-Control-Allow-Headers")).contains("x-grpc-web", "connect-protocol-version", "authorization");
    }

    @Test
    void anAllowedResponseExposesTheProtocolsHeadersAndTheApplications() {
        Map<String, String> headers = new LinkedHashMap<>();
        new CrossOrigin(policy("*", null, null)).allowResponse(
                request("POST", "http", "localhost", 8080, Map.of("Origin", "https://b.test")), response(headers, new int[1]));
        assertThat(headers).containsEntry("Access-Control-Allow-Origin", "https://b.test").containsEntry("Vary", "Origin");
        assertThat(headers.get("Access-Control-Expose-Headers").split(", "))
                .contains("grpc-status", "grpc-message", "grpc-status-details-bin", "connect-content-encoding", "*");
    }

    private static HttpServletRequest request(String method, String scheme, String host, int port, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(CorsPolicyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getScheme" -> scheme;
                    case "getServerName" -> host;
                    case "getServerPort" -> port;
                    case "getHeader" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static HttpServletResponse response(Map<String, String> headers, int[] status) {
        return (HttpServletResponse) Proxy.newProxyInstance(CorsPolicyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setHeader", "addHeader" -> {
                        headers.merge((String) args[0], (String) args[1], (a, b) -> a + ", " + b);
                        yield null;
                    }
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
