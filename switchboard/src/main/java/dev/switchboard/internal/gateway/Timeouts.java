package dev.switchboard.internal.gateway;

import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;

/** The call's timeout from {@code grpc-timeout} (gRPC's form, e.g. {@code 250m}) or Connect's {@code Connect-Timeout-Ms}. */
final class Timeouts {

    private Timeouts() {
    }

    /** Nanoseconds, or null when the request sets no timeout. @throws IllegalArgumentException when malformed */
    static Long nanos(HttpServletRequest req) {
        String connect = req.getHeader("connect-timeout-ms");
        if (connect != null) {
            if (!connect.matches("[0-9]{1,10}")) {
                throw new IllegalArgumentException("Connect-Timeout-Ms must be 1 to 10 digits, not '" + connect + "'");
            }
            return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(connect));
        }
        String grpc = req.getHeader("grpc-timeout");
        if (grpc == null) {
            return null;
        }
        if (!grpc.matches("[0-9]{1,8}[HMSmun]")) {
            throw new IllegalArgumentException("grpc-timeout must be 1 to 8 digits and a unit (H M S m u n), not '" + grpc + "'");
        }
        long value = Long.parseLong(grpc.substring(0, grpc.length() - 1));
        TimeUnit unit = switch (grpc.charAt(grpc.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            default -> TimeUnit.NANOSECONDS;
        };
        return unit.toNanos(value);
    }
}
