package dev.switchboard.internal.openapi;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.switchboard.GrpcGateway;

/**
 * What the API description is configured with: the context-params of {@link dev.switchboard.Switchboard}, and where
 * they are unset the gateways' {@code openApiTitle}, {@code openApiVersion} and {@code openApiServers}.
 *
 * @param document whether {@code {base-path}/openapi.json} is served
 * @param page whether the try-it page {@code {base-path}/docs} is served
 * @param title the document's {@code info.title}
 * @param version the document's {@code info.version}
 * @param servers the document's server URLs; by default the context path, relative to the document's host
 * @param given which of title, version and servers the context-params set (those win over the gateways')
 */
public record OpenApiSettings(boolean document, boolean page, String title, String version, List<String> servers, Given given) {

    static final String DEFAULT_TITLE = "gRPC services";
    static final String DEFAULT_VERSION = "1";

    /** Which values came from context-params. */
    public record Given(boolean title, boolean version, boolean servers) {
    }

    /**
     * From the context-params' values (null when unset): {@code servers} comma-separated; the title defaults to the
     * application's display name.
     */
    public static OpenApiSettings of(boolean document, boolean page, String title, String version, String servers,
            String contextPath, String displayName) {
        String name = blank(title) ? (blank(displayName) ? DEFAULT_TITLE : displayName.trim()) : title.trim();
        List<String> urls = blank(servers) ? List.of(contextPath == null || contextPath.isEmpty() ? "/" : contextPath)
                : Arrays.stream(servers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new OpenApiSettings(document, page && document, name, blank(version) ? DEFAULT_VERSION : version.trim(), urls,
                new Given(!blank(title), !blank(version), !blank(servers)));
    }

    /**
     * With the values the gateways give where no context-param did.
     *
     * @throws IllegalStateException when two gateways give different values for the one document
     */
    public OpenApiSettings withGateways(Collection<GrpcGateway> gateways) {
        String t = given.title() ? title : agreed(gateways, "title", GrpcGateway::openApiTitle, title);
        String v = given.version() ? version : agreed(gateways, "version", GrpcGateway::openApiVersion, version);
        List<String> s = given.servers() ? servers
                : agreed(gateways, "servers", g -> g.openApiServers().isEmpty() ? null : g.openApiServers(), servers);
        return new OpenApiSettings(document, page, t, v, s, given);
    }

    private static <T> T agreed(Collection<GrpcGateway> gateways, String what, Function<GrpcGateway, T> value, T otherwise) {
        Map<T, String> byValue = new LinkedHashMap<>();
        // By path, so that the message reads the same from one deployment to the next.
        for (GrpcGateway gateway : gateways.stream().sorted(Comparator.comparing(GrpcGateway::path)).toList()) {
            T given = value.apply(gateway);
            if (given != null) {
                byValue.putIfAbsent(given, gateway.path());
            }
        }
        if (byValue.size() > 1) {
            throw new IllegalStateException("The gateways " + String.join(" and ", byValue.values())
                    + " give different OpenAPI " + what + "s " + byValue.keySet()
                    + ": one document lists every gateway; give it on one of them, or set the context-param switchboard.openapi."
                    + what);
        }
        return byValue.isEmpty() ? otherwise : byValue.keySet().iterator().next();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
