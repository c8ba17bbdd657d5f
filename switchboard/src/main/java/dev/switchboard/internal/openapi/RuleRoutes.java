package dev.switchboard.internal.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.Descriptors;

import dev.switchboard.internal.gateway.HttpRuleRoute;
import io.grpc.MethodDescriptor.MethodType;

/**
 * The {@code google.api.http} rules' routes as {@link ApiRoute}s. OpenAPI's path templates are simpler than
 * HttpRule's: a path parameter is one segment, and an operation is one of eight HTTP methods. So a variable bound to
 * several segments ({@code {name=shelves/*}/books/*}}) is written expanded, a parameter per wildcard named after the
 * literal before it ({@code /v1/shelves/{shelf}/books/{book}}, as grpc-gateway's OpenAPI generator writes it with
 * {@code expand_slashed_path_patterns}): a client fills each segment, and never has to send a {@code /} inside a
 * parameter, which clients encode as {@code %2F} and Jetty refuses. A {@code **} stays one parameter that may span
 * segments (its description says so). Rules of a custom HTTP method ({@code custom { kind: "MOVE" }}) have no place in
 * an OpenAPI 3.1 document and are left out.
 */
final class RuleRoutes {

    static final String KIND = "http";
    private static final Set<String> OPENAPI_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}=]+)(?:=([^}]*))?}");

    private RuleRoutes() {
    }

    static List<ApiRoute> of(List<HttpRuleRoute> rules) {
        List<ApiRoute> routes = new ArrayList<>();
        for (HttpRuleRoute rule : rules) {
            if (!OPENAPI_METHODS.contains(rule.httpMethod())) {
                continue;
            }
            Descriptors.MethodDescriptor method = rule.method();
            MethodType type = method.isClientStreaming()
                    ? method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING
                    : method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
            List<ApiRoute.PathParameter> parameters = new ArrayList<>();
            String path = expand(rule.path(), parameters);
            routes.add(new ApiRoute(path, rule.httpMethod(), method.getService().getFullName() + "/" + method.getName(), type,
                    method.getInputType(), method.getOutputType(), ApiRoute.RequestForm.RULE, KIND, rule.gateway().path(),
                    new ApiRoute.Rule(rule.httpMethod() + " " + rule.path(), parameters, rule.body(), rule.responseBody())));
        }
        return routes;
    }

    /** The OpenAPI path of a rule's path, with its parameters added to {@code parameters}. */
    static String expand(String rulePath, List<ApiRoute.PathParameter> parameters) {
        Set<String> names = new HashSet<>();
        StringBuilder path = new StringBuilder();
        Matcher variable = VARIABLE.matcher(rulePath);
        int end = 0;
        while (variable.find()) {
            path.append(rulePath, end, variable.start());
            end = variable.end();
            String field = variable.group(1);
            String pattern = variable.group(2);
            if (pattern == null || pattern.equals("*")) {
                String name = claim(field, names);
                path.append('{').append(name).append('}');
                parameters.add(new ApiRoute.PathParameter(name, field, false, null));
                continue;
            }
            String[] segments = pattern.split("/");
            String previous = field;
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    path.append('/');
                }
                String segment = segments[i];
                if (segment.equals("*") || segment.equals("**")) {
                    String name = claim(singular(previous), names);
                    path.append('{').append(name).append('}');
                    parameters.add(new ApiRoute.PathParameter(name, field, segment.equals("**"), pattern));
                } else {
                    path.append(segment);
                    previous = segment;
                }
            }
        }
        path.append(rulePath.substring(end));
        return path.toString();
    }

    /** {@code name}, or {@code name2}, {@code name3}... if that is taken; taken from now on. */
    private static String claim(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = name + n;
        }
        taken.add(candidate);
        return candidate;
    }

    /** {@code shelves} → {@code shelf}, {@code books} → {@code book}: the name a segment of that collection has. */
    private static String singular(String collection) {
        String name = collection.contains(".") ? collection.substring(collection.lastIndexOf('.') + 1) : collection;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ies") && name.length() > 3) {
            return name.substring(0, name.length() - 3) + "y";
        }
        if (lower.endsWith("ves") && name.length() > 3) {
            return name.substring(0, name.length() - 3) + "f";
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && name.length() > 1) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }
}
