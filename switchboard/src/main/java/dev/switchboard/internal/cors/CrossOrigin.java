package dev.switchboard.internal.cors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A {@link CorsPolicy} applied to requests: whether a request comes from another origin and may, the answer to an
 * allowed preflight, and the headers of an allowed response. Which requests it is asked about, and how a refused one is
 * answered, is the caller's.
 */
public final class CrossOrigin {

    /** What CORS makes of a request. */
    public enum Verdict {
        /** No {@code Origin} header, or the request's own origin: CORS has nothing to say. */
        SAME_ORIGIN,
        /** From another origin, which the policy allows. */
        ALLOWED,
        /** From another origin, which the policy does not allow: the request must not run. */
        REFUSED
    }

    private static final String ORIGIN = "Origin";

    private final CorsPolicy policy;
    private final String exposeHeaders = String.join(", ", CorsPolicy.EXPOSED_HEADERS);

    public CrossOrigin(CorsPolicy policy) {
        this.policy = policy;
    }

    /**
     * The verdict on a request. Same origin means scheme, host and port as the container sees the request — behind a
     * proxy that changes them (TLS ended at the proxy, another host name), only once the container is told the
     * original ones (forwarded headers), or browsers' same-origin requests look cross-origin.
     */
    public Verdict verdict(HttpServletRequest req) {
        String origin = req.getHeader(ORIGIN);
        if (origin == null) {
            return Verdict.SAME_ORIGIN;
        }
        if (Origins.of(req.getScheme(), req.getServerName(), req.getServerPort()).equals(Origins.serialized(origin))) {
            return Verdict.SAME_ORIGIN;
        }
        return policy.allows(origin) ? Verdict.ALLOWED : Verdict.REFUSED;
    }

    /** Whether this is a browser's CORS preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(HttpServletRequest req) {
        return "OPTIONS".equals(req.getMethod()) && req.getHeader(ORIGIN) != null
                && req.getHeader("Access-Control-Request-Method") != null;
    }

    /**
     * Answers an allowed preflight: 204 with the methods gRPC-Web and Connect use (Connect's GET form included) and the
     * allowed request headers, whatever the browser asked for — the browser compares.
     */
    public void answerPreflight(HttpServletRequest req, HttpServletResponse resp) {
        allowOrigin(req, resp);
        resp.setHeader("Access-Control-Allow-Methods", "POST, GET");
        resp.setHeader("Access-Control-Allow-Headers", policy.allowHeaders());
        resp.setHeader("Access-Control-Max-Age", Integer.toString(policy.maxAgeSeconds()));
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** Sets the headers that let the allowed origin's script read the response of this request; set before it runs. */
    public void allowResponse(HttpServletRequest req, HttpServletResponse resp) {
        allowOrigin(req, resp);
        resp.setHeader("Access-Control-Expose-Headers", exposeHeaders);
    }

    /** The origin itself, not {@code *}, whatever the policy: so {@code Vary: Origin}, for caches. */
    private static void allowOrigin(HttpServletRequest req, HttpServletResponse resp) {
        resp.setHeader("Access-Control-Allow-Origin", req.getHeader(ORIGIN));
        resp.addHeader("Vary", ORIGIN);
    }
}
