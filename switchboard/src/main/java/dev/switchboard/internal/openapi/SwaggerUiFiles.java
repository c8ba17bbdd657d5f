package dev.switchboard.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The try-it page: Swagger UI's files from its WebJar ({@code org.webjars:swagger-ui}, which the application adds),
 * read from the class path and kept once read, and the page that starts it over the document. Nothing comes from
 * elsewhere, so the page works offline; Swagger UI's online validator is off.
 */
final class SwaggerUiFiles {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The WebJar's files the page uses, and their media types. */
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css;charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript;charset=utf-8",
            "favicon-32x32.png", "image/png");
    static final String START = "start.js";

    private final ClassLoader loader;
    private final String root;
    private final byte[] page;
    private final Map<String, byte[]> read = new ConcurrentHashMap<>();

    private SwaggerUiFiles(ClassLoader loader, String root, String title) {
        this.loader = loader;
        this.root = root;
        this.page = ("""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s</title>
                <link rel="stylesheet" href="docs/swagger-ui.css"><link rel="icon" type="image/png" href="docs/favicon-32x32.png"></head>
                <body><div id="swagger-ui"></div>
                <script src="docs/swagger-ui-bundle.js"></script><script src="docs/%s"></script></body>
                </html>
                """.formatted(escape(title), START)).getBytes(StandardCharsets.UTF_8);
    }

    /** The files of the WebJar on the class path, or null when it is not there. */
    static SwaggerUiFiles find(ClassLoader loader, String title) {
        try (InputStream pom = loader.getResourceAsStream(POM)) {
            if (pom == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(pom);
            String root = WEBJAR + properties.getProperty("version") + "/";
            return loader.getResource(root + "swagger-ui-bundle.js") == null ? null : new SwaggerUiFiles(loader, root, title);
        } catch (IOException e) {
            return null;
        }
    }

    byte[] page() {
        return page;
    }

    /** Swagger UI over the document, which is beside the page: {@code {base-path}/openapi.json}. */
    static byte[] start() {
        return """
                window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
                """.getBytes(StandardCharsets.UTF_8);
    }

    /** The media type of a file of the page, or null for a name that is none. */
    static String mediaType(String name) {
        return START.equals(name) ? "text/javascript;charset=utf-8" : FILES.get(name);
    }

    /** A file of the page ({@link #mediaType} not null). */
    byte[] file(String name) throws IOException {
        if (START.equals(name)) {
            return start();
        }
        byte[] bytes = read.get(name);
        if (bytes == null) {
            try (InputStream in = loader.getResourceAsStream(root + name)) {
                if (in == null) {
                    throw new IOException("Swagger UI's WebJar has no " + name);
                }
                bytes = in.readAllBytes();
            }
            read.put(name, bytes);
        }
        return bytes;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
