package dev.switchboard;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One gateway: which gRPC services it exposes as JSON over plain HTTP, under which path and for which HTTP methods.
 *
 * <p>Declare gateways as CDI producers; several may coexist under different paths:
 *
 * <pre>{@code
 * @Produces @ApplicationScoped
 * GrpcGateway gateway() {
 *     return GrpcGateway.builder().path("/grpc").services(GreeterService.class).exposeHttp(true).build();
 * }
 * }</pre>
 *
 * <p>Every discovered service is served over gRPC whatever the gateways say; gateways only decide the JSON routes.
 * Where the services listen (address, port, TLS) is the servlet container's connector, shared with the rest of the
 * WAR, or the dedicated gRPC port ({@link Switchboard#GRPC_PORT}); a prefix before every gateway's path is the
 * context-param {@link Switchboard#BASE_PATH}.
 */
public final class GrpcGateway {

    /** The path of a gateway that is given none. */
    public static final String DEFAULT_PATH = "/grpc";

    private final String path;
    private final List<Class<?>> services;
    private final boolean exposeHttp;
    private final Set<String> httpMethods;
    private final boolean httpRules;
    private final boolean openApi;
    private final String openApiTitle;
    private final String openApiVersion;
    private final List<String> openApiServers;

    private GrpcGateway(Builder builder) {
        this.path = builder.path;
        this.services = List.copyOf(builder.services);
        this.exposeHttp = builder.exposeHttp;
        this.httpMethods = Set.copyOf(builder.httpMethods);
        this.httpRules = builder.httpRules;
        this.openApi = builder.openApi;
        this.openApiTitle = builder.openApiTitle;
        this.openApiVersion = builder.openApiVersion;
        this.openApiServers = List.copyOf(builder.openApiServers);
    }

    /** A builder for a gateway at {@link #DEFAULT_PATH} that exposes nothing over plain HTTP until told to. */
    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP path of this gateway's JSON routes, below the context path and the base path; e.g. {@code /grpc}. */
    public String path() {
        return path;
    }

    /** The service classes this gateway exposes; empty means every discovered service. */
    public List<Class<?>> services() {
        return services;
    }

    /**
     * Whether the services answer JSON over plain HTTP under {@link #path()}; false by default, so a gateway opens JSON
     * routes only when told to (gRPC is served either way).
     */
    public boolean exposeHttp() {
        return exposeHttp;
    }

    /** Upper-case HTTP methods the JSON routes accept; empty means all. */
    public Set<String> httpMethods() {
        return httpMethods;
    }

    /**
     * Whether the {@code google.api.http} rules of this gateway's methods are served at their own paths as well, when
     * it {@linkplain #exposeHttp() exposes HTTP}; true by default. The context-param {@link Switchboard#HTTP_RULES}
     * turns them off for every gateway.
     */
    public boolean httpRules() {
        return httpRules;
    }

    /**
     * Whether this gateway's JSON routes are listed in the OpenAPI document ({@link Switchboard#OPENAPI}); true by
     * default. False leaves them out (an internal API under its own path, say); they are served all the same.
     */
    public boolean openApi() {
        return openApi;
    }

    /**
     * The OpenAPI document's {@code info.title}, or null for none. The context-param {@link Switchboard#OPENAPI_TITLE}
     * wins over it; gateways that give one must give the same (the deployment fails otherwise): one document lists them
     * all.
     */
    public String openApiTitle() {
        return openApiTitle;
    }

    /** The document's {@code info.version}, or null; as {@link #openApiTitle()}, with {@link Switchboard#OPENAPI_VERSION}. */
    public String openApiVersion() {
        return openApiVersion;
    }

    /** The document's server URLs, or empty; as {@link #openApiTitle()}, with {@link Switchboard#OPENAPI_SERVERS}. */
    public List<String> openApiServers() {
        return openApiServers;
    }

    /** Whether this gateway exposes a service implemented by {@code serviceClass}. */
    public boolean includes(Class<?> serviceClass) {
        if (services.isEmpty()) {
            return true;
        }
        for (Class<?> c : services) {
            if (c.isAssignableFrom(serviceClass)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the JSON routes accept {@code method} (case-insensitive). */
    public boolean allowsHttpMethod(String method) {
        return httpMethods.isEmpty() || httpMethods.contains(method.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "GrpcGateway[path=" + path + ", services=" + (services.isEmpty() ? "all" : services.stream().map(Class::getSimpleName).toList())
                + ", exposeHttp=" + exposeHttp + ", httpMethods=" + (httpMethods.isEmpty() ? "all" : httpMethods)
                + ", httpRules=" + httpRules + ", openApi=" + openApi + "]";
    }

    /** Builds a {@link GrpcGateway}; checks each value as it is set. */
    public static final class Builder {
        private String path = DEFAULT_PATH;
        private final List<Class<?>> services = new ArrayList<>();
        private boolean exposeHttp;
        private boolean httpRules = true;
        private final Set<String> httpMethods = new LinkedHashSet<>();
        private boolean openApi = true;
        private String openApiTitle;
        private String openApiVersion;
        private final List<String> openApiServers = new ArrayList<>();

        private Builder() {
        }

        /** An absolute path such as {@code /grpc} or {@code /api/greeter}; a trailing slash is dropped. */
        public Builder path(String path) {
            requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            if (path.contains("//") || path.contains("?") || path.contains("#") || path.contains("*")) {
                throw new IllegalArgumentException("path must be a plain path like /grpc: " + path);
            }
            this.path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return this;
        }

        /** The service classes (CDI bean classes implementing {@code io.grpc.BindableService}) to expose. */
        public Builder services(Class<?>... services) {
            return services(List.of(services));
        }

        /** As {@link #services(Class...)}; adds to the classes already given. */
        public Builder services(Collection<? extends Class<?>> services) {
            requireNonNull(services, "services");
            for (Class<?> c : services) {
                requireNonNull(c, "services contains null");
                if (!io.grpc.BindableService.class.isAssignableFrom(c)) {
                    throw new IllegalArgumentException(c.getName() + " does not implement io.grpc.BindableService");
                }
                this.services.add(c);
            }
            return this;
        }

        /** Whether the services answer JSON over plain HTTP under the path; see {@link GrpcGateway#exposeHttp()}. */
        public Builder exposeHttp(boolean exposeHttp) {
            this.exposeHttp = exposeHttp;
            return this;
        }

        /** Whether the methods' {@code google.api.http} rules are served; see {@link GrpcGateway#httpRules()}. */
        public Builder httpRules(boolean httpRules) {
            this.httpRules = httpRules;
            return this;
        }

        /** HTTP methods the JSON routes accept, e.g. {@code "POST"}; the default is all. */
        public Builder httpMethods(String... methods) {
            return httpMethods(List.of(methods));
        }

        /** As {@link #httpMethods(String...)}; adds to the methods already given (case-insensitive). */
        public Builder httpMethods(Collection<String> methods) {
            requireNonNull(methods, "httpMethods");
            for (String m : methods) {
                requireNonNull(m, "httpMethods contains null");
                if (!m.matches("[A-Za-z]+")) {
                    throw new IllegalArgumentException("not an HTTP method: " + m);
                }
                httpMethods.add(m.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** Whether the JSON routes are listed in the OpenAPI document; see {@link GrpcGateway#openApi()}. */
        public Builder openApi(boolean listed) {
            this.openApi = listed;
            return this;
        }

        /** The OpenAPI document's title; see {@link GrpcGateway#openApiTitle()}. */
        public Builder openApiTitle(String title) {
            this.openApiTitle = nonBlank(title, "openApiTitle");
            return this;
        }

        /** The OpenAPI document's version; see {@link GrpcGateway#openApiVersion()}. */
        public Builder openApiVersion(String version) {
            this.openApiVersion = nonBlank(version, "openApiVersion");
            return this;
        }

        /**
         * The OpenAPI document's server URLs, e.g. {@code https://api.example.com/shop}; adds to those already given. See
         * {@link GrpcGateway#openApiServers()}.
         */
        public Builder openApiServers(String... urls) {
            for (String url : urls) {
                openApiServers.add(nonBlank(url, "openApiServers"));
            }
            return this;
        }

        private static String nonBlank(String value, String name) {
            requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value.trim();
        }

        /** The gateway, immutable. */
        public GrpcGateway build() {
            return new GrpcGateway(this);
        }
    }
}
