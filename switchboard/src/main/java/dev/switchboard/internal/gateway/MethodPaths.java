package dev.switchboard.internal.gateway;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;

import dev.switchboard.GrpcGateway;
import io.grpc.Context;
import io.grpc.InternalServer;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Connect at every served method's own path, {@code /package.Service/Method} below the context path — the path
 * native gRPC uses, as connect-go and vanguard-go serve it, so that Connect clients (connect-web, connect-node,
 * {@code buf curl}) work with the server's origin as their base URL. Only Connect's requests are taken: a POST of
 * {@code application/json}, {@code application/proto} (unary) or {@code application/connect+json|proto} (streams),
 * or a GET carrying Connect's {@code encoding} and {@code message} parameters; gRPC keeps its content types, and
 * anything else at these paths stays the application's. The calls are served by the {@link GatewayDispatcher}, as
 * a gateway's Connect routes are, over every served service — reflection and health too — whichever gateways exist.
 */
public final class MethodPaths {

    /** What the dispatcher checks of a route's gateway: Connect's two HTTP methods. */
    private static final GrpcGateway CONNECT = GrpcGateway.builder().path("/").exposeHttp(true).httpMethods("GET", "POST").build();
    private static final Set<String> CONNECT_TYPES = Set.of("application/json", "application/proto",
            ResponseWire.CONNECT_STREAM + "json", ResponseWire.CONNECT_STREAM + "proto");
    /** The metrics' protocol label of these calls. */
    static final String PROTOCOL = "connect";

    private static final MethodPaths NONE = new MethodPaths(Map.of(), Set.of());

    /** By full method name ({@code package.Service/Method}). */
    private final Map<String, Routes.Route> methods;
    private final Set<String> services;

    private MethodPaths(Map<String, Routes.Route> methods, Set<String> services) {
        this.methods = methods;
        this.services = services;
    }

    /** No method paths: the context-param turned them off. */
    public static MethodPaths none() {
        return NONE;
    }

    /**
     * The method paths of {@code served}: the definitions as calls over plain HTTP reach them (their messages arrive
     * parsed). Server reflection answering over Connect lists the same services.
     */
    public static MethodPaths of(List<ServerServiceDefinition> served) {
        // grpc-java's reflection service finds the services it describes through the Server in its call's Context,
        // which for these calls is this stand-in.
        Context parent = Context.ROOT.withValue(InternalServer.SERVER_CONTEXT_KEY, new ServedServices(served));
        Map<String, Routes.Route> methods = new HashMap<>();
        Set<String> services = new HashSet<>();
        for (ServerServiceDefinition service : served) {
            services.add(service.getServiceDescriptor().getName());
            for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
                Message prototype = Routes.requestPrototype(method.getMethodDescriptor());
                if (prototype != null) { // else gRPC only; Routes says so for the gateways' methods
                    methods.put(method.getMethodDescriptor().getFullMethodName(),
                            new Routes.Route(CONNECT, method, prototype, PROTOCOL, parent));
                }
            }
        }
        return new MethodPaths(Map.copyOf(methods), Set.copyOf(services));
    }

    /**
     * The route of a Connect request at a method path within the context; one whose route is null when the service
     * is served but has no such method (a 404 in Connect's error form); null when the request is not Connect's or
     * not at a served service's path. Cheap when it is not: Weld asks for every request of the application.
     */
    public Routes.Match match(HttpServletRequest req, String path) {
        if (methods.isEmpty() || !isConnect(req)) {
            return null;
        }
        String name = path.startsWith("/") ? path.substring(1) : path;
        Routes.Route route = methods.get(name);
        if (route != null) {
            return new Routes.Match(CONNECT, route);
        }
        int slash = name.indexOf('/');
        return slash > 0 && name.indexOf('/', slash + 1) < 0 && services.contains(name.substring(0, slash))
                ? new Routes.Match(CONNECT, null) : null;
    }

    /** The methods served at their own paths, by full name: for the API description. */
    public List<MethodDescriptor<?, ?>> methods() {
        return methods.values().stream().<MethodDescriptor<?, ?>>map(route -> route.method().getMethodDescriptor())
                .sorted(java.util.Comparator.comparing(MethodDescriptor::getFullMethodName)).toList();
    }

    /** A POST of one of Connect's content types, or a GET with Connect's query parameters. */
    private static boolean isConnect(HttpServletRequest req) {
        String method = req.getMethod();
        if ("POST".equals(method)) {
            // The header, not getContentType(): Jetty's throws for a charset the JVM does not know (GatewayEntrance answers it).
            String media = ContentNegotiation.mediaType(req.getHeader("Content-Type"));
            return media != null && CONNECT_TYPES.contains(media);
        }
        return "GET".equals(method) && hasConnectQuery(req.getQueryString());
    }

    /** Whether the raw query has the parameters {@code encoding} and {@code message} (not decoded: the names are ASCII). */
    private static boolean hasConnectQuery(String query) {
        if (query == null) {
            return false;
        }
        boolean encoding = false;
        boolean message = false;
        for (String param : query.split("&", 16)) {
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
            encoding |= name.equals("encoding");
            message |= name.equals("message");
        }
        return encoding && message;
    }

    /** The Server that reflection asks for the services; nothing is started or stopped through it. */
    private static final class ServedServices extends Server {
        private final List<ServerServiceDefinition> services;

        ServedServices(List<ServerServiceDefinition> services) {
            this.services = List.copyOf(services);
        }

        @Override
        public List<ServerServiceDefinition> getServices() {
            return services;
        }

        @Override
        public List<ServerServiceDefinition> getImmutableServices() {
            return services;
        }

        @Override
        public Server start() {
            return this;
        }

        @Override
        public Server shutdown() {
            return this;
        }

        @Override
        public Server shutdownNow() {
            return this;
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }

        @Override
        public void awaitTermination() {
            throw new UnsupportedOperationException("a stand-in for reflection, never started");
        }
    }
}
