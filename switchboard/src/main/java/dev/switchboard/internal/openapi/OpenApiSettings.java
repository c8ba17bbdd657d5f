package dev.switchboard.internal.openapi;

import java.util.Arrays;
import java.util.List;

/**
 * What the API description is configured with (context-params of {@link dev.switchboard.Switchboard}).
 *
 * @param document whether {@code {base-path}/openapi.json} is served
 * @param page whether the try-it page {@code {base-path}/docs} is served
 * @param title the document's {@code info.title}
 * @param version the document's {@code info.version}
 * @param servers the document's server URLs; by default the context path, relative to the document's host
 */
public record OpenApiSettings(boolean document, boolean page, String title, String version, List<String> servers) {

    static final String DEFAULT_TITLE = "gRPC services";
    static final String DEFAULT_VERSION = "1";

    /**
     * From the context-params' values (null when unset): {@code servers} comma-separated; the title defaults to the
     * application's display name.
     */
    public static OpenApiSettings of(boolean document, boolean page, String title, String version, String servers,
            String contextPath, String displayName) {
        String name = blank(title) ? (blank(displayName) ? DEFAULT_TITLE : displayName.trim()) : title.trim();
        List<String> urls = blank(servers) ? List.of(contextPath == null || contextPath.isEmpty() ? "/" : contextPath)
                : Arrays.stream(servers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new OpenApiSettings(document, page && document, name, blank(version) ? DEFAULT_VERSION : version.trim(), urls);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
