package dev.switchboard.internal.container;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether the container can parse what Switchboard will ask it for. Jetty 12.1 throws from {@code getContentType()}
 * for a charset the JVM does not know (UnsupportedCharsetException) and from {@code getParameterMap()} for a query it
 * cannot decode ({@code %ZZ}: its BadMessageException); left to propagate, either would become the container's HTML
 * error page naming the exception. Asked first, they become a clear error in the request's protocol.
 */
public final class ContainerParsing {

    private ContainerParsing() {
    }

    public static boolean readsContentType(HttpServletRequest req) {
        try {
            req.getContentType();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Only for GET: elsewhere the parameters include a form body, which this must not read. */
    public static boolean decodesQuery(HttpServletRequest req) {
        if (!"GET".equals(req.getMethod()) || req.getQueryString() == null) {
            return true;
        }
        try {
            req.getParameterMap();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
