package dev.switchboard.internal.gateway;

import dev.switchboard.internal.cdi.ServiceBinding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import com.google.protobuf.Message;

import dev.switchboard.GrpcGateway;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;

/**
 * The JSON routes of every gateway that exposes HTTP: {@code {base}{path}/{package.Service}/{Method}} (the gRPC
 * method path, as Connect uses it) and the short route {@code {base}{path}/{servicename-lowercase}/{method-lowercase}}.
 */
public final class Routes {

    private static final Logger LOG = Logger.getLogger(Routes.class.getName());

    /**
     * A method reachable over JSON, with the gateway whose settings apply; {@code protocol} is its calls' protocol
     * ({@code json}, {@code rest} or {@code connect}: see CallMetrics.protocolOf), {@code parent} the {@link Context}
     * their own is made from.
     */
    record Route(GrpcGateway gateway, ServerMethodDefinition<?, ?> method, Message requestPrototype, String protocol,
            Context parent) {
    }

    /**
     * A request path under a gateway's prefix; {@code route} is null when nothing answers there. {@code rule}: the
     * request's {@code google.api.http} rule (its binding, or why none answers), null for the other routes.
     */
    public record Match(GrpcGateway gateway, Route route, HttpRules.RuleMatch rule) {

        public Match(GrpcGateway gateway, Route route) {
            this(gateway, route, null);
        }
    }

    private record GatewayTable(String prefix, GrpcGateway gateway, Map<String, Route> canonical, Map<String, Route> shortRoutes) {
    }

    private final List<GatewayTable> tables;
    private final HttpRules rules;

    private Routes(List<GatewayTable> tables, HttpRules rules) {
        this.tables = tables;
        this.rules = rules;
    }

    /** With the {@code google.api.http} rules of the gateways' methods. */
    public static Routes build(String basePath, List<GrpcGateway> gateways, List<ServiceBinding> services) {
        return build(basePath, gateways, services, true);
    }

    /**
     * {@code httpRules}: whether the methods' {@code google.api.http} rules are served too ({@link HttpRules}; an
     * {@link IllegalArgumentException} says why one cannot be).
     */
    public static Routes build(String basePath, List<GrpcGateway> gateways, List<ServiceBinding> services, boolean httpRules) {
        HttpRules rules = httpRules ? HttpRules.build(basePath, gateways, services) : HttpRules.none();
        List<GatewayTable> tables = new ArrayList<>();
        for (GrpcGateway gateway : gateways) {
            if (!gateway.exposeHttp()) {
                continue;
            }
            Map<String, Route> canonical = new HashMap<>();
            Map<String, Route> shortRoutes = new HashMap<>();
            for (ServiceBinding service : services) {
                if (!gateway.includes(service.beanClass())) {
                    continue;
                }
                for (ServerMethodDefinition<?, ?> method : service.definition().getMethods()) {
                    Message prototype = requestPrototype(method.getMethodDescriptor());
                    if (prototype == null) {
                        LOG.warning(() -> method.getMethodDescriptor().getFullMethodName()
                                + " does not use protobuf messages, so it is served over gRPC only");
                        continue;
                    }
                    Route route = new Route(gateway, method, prototype, "json", Context.ROOT);
                    MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
                    canonical.put(descriptor.getFullMethodName(), route);
                    shortRoutes.put(service.httpName().toLowerCase(Locale.ROOT) + "/"
                            + descriptor.getBareMethodName().toLowerCase(Locale.ROOT), route);
                }
            }
            String prefix = "/".equals(gateway.path()) ? basePath : basePath + gateway.path();
            tables.add(new GatewayTable(prefix, gateway, Map.copyOf(canonical), Map.copyOf(shortRoutes)));
        }
        // The longest prefix wins, so /grpc/admin is not swallowed by /grpc.
        tables.sort(Comparator.comparingInt((GatewayTable t) -> t.prefix().length()).reversed());
        return new Routes(List.copyOf(tables), rules);
    }

    /** The gateway and route for a path within the context, or null when the path is under no gateway. */
    public Match match(String path) {
        for (GatewayTable table : tables) {
            String prefix = table.prefix();
            if (under(path, prefix)) {
                String rest = path.length() > prefix.length() + 1 ? path.substring(prefix.length() + 1) : "";
                Route route = table.canonical().get(rest);
                if (route == null) {
                    route = table.shortRoutes().get(rest.toLowerCase(Locale.ROOT));
                }
                return new Match(table.gateway(), route);
            }
        }
        return null;
    }

    /**
     * The {@code google.api.http} rule of a request: {@code rawPath} is the path within the context as sent
     * (percent-encoded, which the rules' variables need). Null when the path is not the rules'; else a match whose
     * route is null when no rule answers (a 404 — unless another route takes the request — a 405, or a 400 for
     * variables that do not decode: {@link Match#rule()} says).
     */
    public Match matchRule(String httpMethod, String rawPath) {
        HttpRules.RuleMatch found = rules.match(httpMethod, rawPath);
        if (found == null) {
            return null;
        }
        return found.bound() == null ? new Match(null, null, found)
                : new Match(found.bound().description().gateway(), found.bound().route(), found);
    }

    /** Whether {@link #matchRule}'s match answers the request (a call, 405, 400) rather than being a 404. */
    public static boolean decisive(Match ruleMatch) {
        return ruleMatch != null && ruleMatch.rule().decisive();
    }

    /** The served {@code google.api.http} bindings, for a listing of the REST API. */
    public List<HttpRuleRoute> httpRules() {
        return rules.routes();
    }

    /**
     * Whether the path is under a gateway or an HTTP rule's leading literal segments (what {@link #match} or
     * {@link #matchRule} does not return null for), without finding the route.
     */
    public boolean covers(String path) {
        if (rules.covers(path)) {
            return true;
        }
        for (GatewayTable table : tables) {
            if (under(path, table.prefix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    public boolean isEmpty() {
        return tables.isEmpty() && rules.isEmpty();
    }

    /** Human-readable list of gateway prefixes, for the startup log. */
    public List<String> prefixes() {
        List<String> prefixes = new ArrayList<>(tables.stream()
                .map(t -> (t.prefix().isEmpty() ? "/" : t.prefix()) + " (" + t.canonical().size() + " methods)").toList());
        if (!rules.isEmpty()) {
            prefixes.add(rules.routes().size() + " google.api.http routes");
        }
        return prefixes;
    }

    /**
     * A route as the API description lists it: its path within the context, its gateway and method, and whether it
     * is the canonical route ({@code /package.Service/Method}) or the short one.
     */
    public record Listed(String path, GrpcGateway gateway, MethodDescriptor<?, ?> method, boolean canonical) {
    }

    /** Every route of every gateway, by path. */
    public List<Listed> listed() {
        List<Listed> listed = new ArrayList<>();
        for (GatewayTable table : tables) {
            table.canonical().forEach((rest, route) -> listed.add(new Listed(table.prefix() + "/" + rest, table.gateway(),
                    route.method().getMethodDescriptor(), true)));
            table.shortRoutes().forEach((rest, route) -> listed.add(new Listed(table.prefix() + "/" + rest, table.gateway(),
                    route.method().getMethodDescriptor(), false)));
        }
        listed.sort(Comparator.comparing(Listed::path));
        return listed;
    }

    /** The request message's prototype, or null when the method does not use protobuf messages. */
    static Message requestPrototype(MethodDescriptor<?, ?> descriptor) {
        if (descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> request
                && request.getMessagePrototype() instanceof Message message
                && descriptor.getResponseMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> response
                && response.getMessagePrototype() instanceof Message) {
            return message;
        }
        return null;
    }
}
