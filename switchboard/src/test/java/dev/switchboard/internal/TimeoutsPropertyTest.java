package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link Timeouts}: the grpc-timeout and Connect-Timeout-Ms headers, whatever a client sends in them. */
class TimeoutsPropertyTest {

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

    @Provide
    Arbitrary<String> headerValues() {
        // Mostly near the valid forms (digits and a unit), and sometimes anything at all.
        Arbitrary<String> nearlyValid = Arbitraries.strings().withChars("0123456789HMSmun -+.").ofMaxLength(14);
        return Arbitraries.oneOf(nearlyValid, Arbitraries.strings().ofMaxLength(20));
    }

    @Property
    void anyHeaderGivesATimeoutOrIllegalArgument(@ForAll("headerValues") String value, @ForAll boolean connect) {
        HttpServletRequest request = withHeaders(Map.of(connect ? "connect-timeout-ms" : "grpc-timeout", value));
        try {
            Long nanos = Timeouts.nanos(request);
            assertThat(nanos).isNotNull().isNotNegative();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(connect ? "Connect-Timeout-Ms" : "grpc-timeout");
        }
    }

    @Property
    void grpcTimeoutIsItsValueInItsUnit(@ForAll @LongRange(min = 0, max = 99_999_999) long value, @ForAll @IntRange(min = 0, max = 5) int unit) {
        char[] units = {'H', 'M', 'S', 'm', 'u', 'n'};
        TimeUnit[] timeUnits = {TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS, TimeUnit.MILLISECONDS, TimeUnit.MICROSECONDS, TimeUnit.NANOSECONDS};
        assertThat(Timeouts.nanos(withHeaders(Map.of("grpc-timeout", value + "" + units[unit])))).isEqualTo(timeUnits[unit].toNanos(value));
    }

    @Property
    void connectTimeoutIsMillisecondsAndWins(@ForAll @LongRange(min = 0, max = 9_999_999_999L) long millis) {
        assertThat(Timeouts.nanos(withHeaders(Map.of("connect-timeout-ms", Long.toString(millis), "grpc-timeout", "1n"))))
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Property
    void moreThanTheAllowedDigitsIsRejected(@ForAll @LongRange(min = 100_000_000L, max = Long.MAX_VALUE) long value) {
        assertThatThrownBy(() -> Timeouts.nanos(withHeaders(Map.of("grpc-timeout", value + "S")))).isInstanceOf(IllegalArgumentException.class);
    }
}
