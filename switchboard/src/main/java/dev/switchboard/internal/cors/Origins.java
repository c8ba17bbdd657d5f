package dev.switchboard.internal.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Origins in the form browsers send them in the {@code Origin} header (the "ASCII serialization" of RFC 6454,
 * section 6.2): {@code scheme://host}, plus {@code :port} unless it is the scheme's default, lower case, no path.
 * Configured origins and the request's own origin are brought to that form so that comparing strings is comparing
 * origins.
 */
final class Origins {

    private Origins() {
    }

    /**
     * A configured origin in its serialized form; {@code https://Example.com:443} → {@code https://example.com}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static String configured(String value) {
        if (value.equals("null")) {
            // Sandboxed frames, file: pages and redirects all send "null": allowing it would allow any site.
            throw new IllegalArgumentException("'null' is the origin of sandboxed and file: documents, which any site can"
                    + " produce; it cannot be allowed by name");
        }
        if (value.contains("*")) {
            throw new IllegalArgumentException("'" + value + "' has a wildcard: list each origin, or '*' alone for every origin");
        }
        String origin = serialized(value);
        if (origin == null) {
            throw new IllegalArgumentException("'" + value + "' is not an origin: scheme://host or scheme://host:port,"
                    + " without a path (not even '/')");
        }
        return origin;
    }

    /** An {@code Origin} header's value in serialized form, or null if it is none (such as {@code null}). */
    static String serialized(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() > 65_535) {
            return null;
        }
        return of(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    /**
     * The origin of {@code scheme}, {@code host} (an IPv6 address with or without its brackets) and {@code port}
     * (negative: the scheme's default).
     */
    static String of(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        boolean defaultPort = port < 0 || port == 80 && s.equals("http") || port == 443 && s.equals("https");
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
