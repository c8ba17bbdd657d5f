package dev.switchboard.internal.openapi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.gateway.MethodPaths;
import dev.switchboard.internal.gateway.Routes;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import io.grpc.Status;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET {base-path}/openapi.json} and {@code openapi.yaml}: the OpenAPI document of the JSON routes in its two
 * forms, made once at deployment; and, when turned on, the try-it page {@code GET {base-path}/docs} with its files under {@code {base-path}/docs/}. Plain
 * servlet paths of the application: its security constraints apply to them as to any other.
 */
public final class OpenApiEndpoint {

    private static final Logger LOG = Logger.getLogger(OpenApiEndpoint.class.getName());

    private final String documentPath;
    private final String yamlPath;
    private final String pagePath;
    private final byte[] document;
    private final byte[] yaml;
    /** Null when the page is off, or Swagger UI's WebJar is missing. */
    private final SwaggerUiFiles page;
    private final boolean pageWanted;

    private OpenApiEndpoint(String basePath, JsonObject document, boolean pageWanted, SwaggerUiFiles page) {
        this.documentPath = basePath + "/openapi.json";
        this.yamlPath = basePath + "/openapi.yaml";
        this.pagePath = basePath + "/docs";
        this.document = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(document)
                .getBytes(StandardCharsets.UTF_8);
        this.yaml = YamlForm.of(document).getBytes(StandardCharsets.UTF_8);
        this.pageWanted = pageWanted;
        this.page = page;
    }

    /** The endpoint over what the gateways and method paths serve; null when the settings turn it off. */
    public static OpenApiEndpoint create(String basePath, Routes routes, MethodPaths methodPaths, OpenApiSettings settings,
            JsonOptions json, ClassLoader loader) {
        if (!settings.document()) {
            return null;
        }
        JsonObject document = OpenApiDocument.of(ApiRoutes.of(routes, methodPaths), settings, json, ProtoComments.load(loader));
        SwaggerUiFiles page = settings.page() ? SwaggerUiFiles.find(loader, settings.title()) : null;
        if (settings.page() && page == null) {
            LOG.warning("Switchboard: the try-it page at " + basePath + "/docs needs Swagger UI's WebJar"
                    + " (org.webjars:swagger-ui) in the WAR; it answers 404 until then");
        }
        return new OpenApiEndpoint(basePath, document, settings.page(), page);
    }

    public boolean matches(String path) {
        return path.equals(documentPath) || path.equals(yamlPath) || pageWanted && (path.equals(pagePath) || path.startsWith(pagePath + "/"));
    }

    /** Answers a GET of a path it {@link #matches}. */
    public void serve(String path, HttpServletResponse resp) throws IOException {
        if (path.equals(documentPath)) {
            send(resp, "application/json", document, "no-cache");
            return;
        }
        if (path.equals(yamlPath)) {
            // The media type OpenAPI's own registration names (application/yaml, RFC 9512).
            send(resp, "application/yaml;charset=utf-8", yaml, "no-cache");
            return;
        }
        if (page == null) {
            GatewayErrors.json(resp, Status.NOT_FOUND.withDescription(
                    "The try-it page needs Swagger UI's WebJar (org.webjars:swagger-ui) in the WAR"));
            return;
        }
        if (path.equals(pagePath)) {
            send(resp, "text/html;charset=utf-8", page.page(), "no-cache");
            return;
        }
        String name = path.substring(pagePath.length() + 1);
        if (name.isEmpty()) {
            // {base}/docs/ would resolve the page's relative links one level too deep: send the browser to the page.
            resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            resp.setHeader("Location", "../docs");
            resp.setContentLength(0);
            return;
        }
        String type = SwaggerUiFiles.mediaType(name);
        if (type == null) {
            GatewayErrors.json(resp, Status.NOT_FOUND.withDescription("The try-it page has no file " + name));
            return;
        }
        send(resp, type, page.file(name), "max-age=3600");
    }

    private static void send(HttpServletResponse resp, String type, byte[] body, String cache) throws IOException {
        resp.setStatus(200);
        resp.setContentType(type);
        resp.setHeader("Cache-Control", cache);
        resp.setContentLength(body.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(body);
        }
    }
}
