package dev.switchboard.internal.gateway;

import static dev.switchboard.internal.gateway.codec.RandomCases.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.internal.gateway.codec.RandomCases;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServletRequest;

/** {@link Timeouts}: the grpc-timeout and Connect-Timeout-Ms headers, whatever a client sends in them. */
class TimeoutsPropertyTest {

    private static final char[] UNITS = {'H', 'M', 'S', 'm', 'u', 'n'};
    private static final TimeUnit[] TIME_UNITS = {TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS, TimeUnit.MILLISECONDS,
        TimeUnit.MICROSECONDS, TimeUnit.NANOSECONDS};

    /** A request with just these headers (names in lower case). */
    static HttpServletRequest withHeaders(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(TimeoutsPropertyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader")) {
                        return headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Mostly near the valid forms (digits and a unit), and sometimes anything at all. */
    static String headerValue(SplittableRandom r) {
        return r.nextBoolean() ? RandomCases.string(r, 0, 14, "0123456789HMSmun -+.") : RandomCases.anyString(r, 20);
    }

    /**
     * A number of minDigits to maxDigits digits (as many as a long holds), each count as likely: a uniform draw from
     * the whole range would nearly always give the most digits.
     */
    static long withDigits(SplittableRandom r, int minDigits, int maxDigits) {
        int digits = r.nextInt(minDigits, maxDigits + 1);
        long low = digits == 1 ? 0 : (long) Math.pow(10, digits - 1);
        long high = digits >= 19 ? Long.MAX_VALUE : (long) Math.pow(10, digits) - 1;
        return between(r, low, high);
    }

    record Header(String value, boolean connect) {
    }

    @Test
    void anyHeaderGivesATimeoutOrIllegalArgument() {
        RandomCases.check(2000, r -> new Header(headerValue(r), r.nextBoolean()), header -> {
            HttpServletRequest request = withHeaders(Map.of(header.connect() ? "connect-timeout-ms" : "grpc-timeout", header.value()));
            try {
                Long nanos = Timeouts.nanos(request);
                assertThat(nanos).isNotNull().isNotNegative();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains(header.connect() ? "Connect-Timeout-Ms" : "grpc-timeout");
            }
        });
    }

    record GrpcTimeout(long value, int unit) {
        String header() {
            return value + "" + UNITS[unit];
        }
    }

    @Test
    void grpcTimeoutIsItsValueInItsUnit() {
        RandomCases.check(2000, r -> new GrpcTimeout(withDigits(r, 1, 8), r.nextInt(UNITS.length)), timeout ->
                assertThat(Timeouts.nanos(withHeaders(Map.of("grpc-timeout", timeout.header()))))
                        .isEqualTo(TIME_UNITS[timeout.unit()].toNanos(timeout.value())));
    }

    @Test
    void connectTimeoutIsMillisecondsAndWins() {
        RandomCases.check(2000, r -> withDigits(r, 1, 10), millis ->
                assertThat(Timeouts.nanos(withHeaders(Map.of("connect-timeout-ms", Long.toString(millis), "grpc-timeout", "1n"))))
                        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(millis)));
    }

    @Test
    void moreThanTheAllowedDigitsIsRejected() {
        RandomCases.check(2000, r -> withDigits(r, 9, 19), value ->
                assertThatThrownBy(() -> Timeouts.nanos(withHeaders(Map.of("grpc-timeout", value + "S"))))
                        .isInstanceOf(IllegalArgumentException.class));
    }
}
