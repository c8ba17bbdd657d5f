package dev.switchboard.internal.cors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Which cross-origin callers Switchboard serves, from three context-params read once at startup: the allowed origins
 * (none by default: nothing is allowed cross-origin until listed; {@code *} allows every origin), request headers
 * allowed beyond the ones gRPC-Web and Connect clients send, and how long browsers may cache a preflight's answer.
 *
 * <p>{@code Access-Control-Allow-Credentials} is never sent: browsers then send no cookies, HTTP authentication or
 * client certificates cross-origin, so allowing an origin can never let another site act with a user's session. A
 * token in a request header (listed here, such as {@code authorization}) is the way to authenticate a cross-origin
 * caller. That is also what makes the {@code *} of {@link #EXPOSED_HEADERS} a wildcard.
 */
public final class CorsPolicy {

    /**
     * Request headers every allowed origin may send: the ones gRPC-Web clients (grpc-web, connect-web) and Connect
     * clients set (connectrpc.com/docs/cors, connect-es's {@code cors.allowedHeaders}), and the gRPC encoding headers.
     */
    static final List<String> DEFAULT_HEADERS = List.of("content-type", "x-grpc-web", "x-user-agent", "grpc-timeout",
            "grpc-encoding", "grpc-accept-encoding", "connect-protocol-version", "connect-timeout-ms",
            "connect-content-encoding", "connect-accept-encoding");

    /**
     * Response headers an allowed origin's scripts may read. The protocols' own by name: gRPC-Web's status in a
     * trailers-only response ({@code grpc-status}, {@code grpc-message}, {@code grpc-status-details-bin}, which the
     * grpc-web client reads from the headers), the encodings, and Connect's streaming encoding headers. Then {@code *}
     * for everything else: the application's response headers, and its trailers, which Connect sends as
     * {@code trailer-}-prefixed headers of a unary response — names Switchboard cannot know before the call has run.
     * {@code *} is a wildcard for requests without credentials (the Fetch standard), the only ones allowed here; the
     * names before it keep the protocols working should that ever change.
     */
    static final List<String> EXPOSED_HEADERS = List.of("grpc-status", "grpc-message", "grpc-status-details-bin",
            "grpc-encoding", "grpc-accept-encoding", "connect-content-encoding", "connect-accept-encoding", "*");

    /** Browsers cap what they honour: Chromium at 7200 s, Firefox at 86400 s. */
    static final int MAX_AGE_LIMIT = 86_400;

    /** An HTTP field name (RFC 9110 token). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final boolean anyOrigin;
    private final Set<String> origins;
    /** The value of {@code Access-Control-Allow-Headers}. */
    private final String allowHeaders;
    private final int maxAgeSeconds;

    private CorsPolicy(boolean anyOrigin, Set<String> origins, List<String> headers, int maxAgeSeconds) {
        this.anyOrigin = anyOrigin;
        this.origins = Set.copyOf(origins);
        this.allowHeaders = String.join(", ", headers);
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /**
     * Reads the policy from the context-params named {@code originsParam}, {@code headersParam} and
     * {@code maxAgeParam} ({@code contextParam}: a name's value, or null), with {@code defaultMaxAge} seconds when the
     * last is not set.
     *
     * @throws IllegalArgumentException naming the context-param whose value cannot be used
     */
    public static CorsPolicy from(UnaryOperator<String> contextParam, String originsParam, String headersParam,
            String maxAgeParam, int defaultMaxAge) {
        boolean anyOrigin = false;
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : entries(contextParam.apply(originsParam))) {
            if (entry.equals("*")) {
                anyOrigin = true;
                continue;
            }
            try {
                origins.add(Origins.configured(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("context-param " + originsParam + ": " + e.getMessage(), e);
            }
        }
        List<String> headers = new ArrayList<>(DEFAULT_HEADERS);
        for (String entry : entries(contextParam.apply(headersParam))) {
            if (!TOKEN.matcher(entry).matches() || entry.contains("*") && !entry.equals("*")) {
                throw new IllegalArgumentException("context-param " + headersParam + " must be a comma-separated list of"
                        + " header names (or '*'), not '" + contextParam.apply(headersParam) + "'");
            }
            String name = entry.toLowerCase(Locale.ROOT);
            if (!headers.contains(name)) {
                headers.add(name);
            }
        }
        return new CorsPolicy(anyOrigin, origins, headers, maxAge(contextParam.apply(maxAgeParam), maxAgeParam, defaultMaxAge));
    }

    /** Whether scripts of {@code origin} (an {@code Origin} header's value) may call. */
    boolean allows(String origin) {
        if (anyOrigin) {
            return true;
        }
        String serialized = Origins.serialized(origin);
        return serialized != null && origins.contains(serialized);
    }

    String allowHeaders() {
        return allowHeaders;
    }

    int maxAgeSeconds() {
        return maxAgeSeconds;
    }

    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    private static int maxAge(String value, String name, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 0 && seconds <= MAX_AGE_LIMIT) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("context-param " + name + " must be a whole number of seconds from 0 to "
                + MAX_AGE_LIMIT + " (browsers cap it there or lower), not '" + value + "'");
    }
}
