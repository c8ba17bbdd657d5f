package dev.switchboard.internal.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;

import dev.switchboard.internal.gateway.MethodPaths;
import dev.switchboard.internal.gateway.Routes;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;

/**
 * What the document lists: every JSON route Switchboard serves, as {@link ApiRoute}s. A gateway's short route
 * {@code {path}/{service}/{method}} with POST (a JSON body; NDJSON for streams of requests) and, where the gateway
 * allows GET, GET with the fields as query parameters (methods that take one message); its canonical route
 * {@code {path}/{package.Service}/{Method}} as Connect's unary POST; and, when Connect is served at the method paths,
 * {@code /{package.Service}/{Method}} with Connect's unary POST and GET. PUT, PATCH and DELETE, which the short
 * routes take like POST and GET, are left out: the same operation again under another verb. Then the routes of the
 * methods' {@code google.api.http} rules ({@link RuleRoutes}). A gateway built with {@code openApi(false)} lists none of
 * its own routes or rules.
 */
final class ApiRoutes {

    static final String CANONICAL = "canonical";
    static final String CONNECT = "connect";

    private ApiRoutes() {
    }

    static List<ApiRoute> of(Routes routes, MethodPaths methodPaths) {
        List<ApiRoute> result = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (Routes.Listed route : routes.listed()) {
            paths.add(route.path());
            if (!route.gateway().openApi()) {
                continue;
            }
            MethodDescriptor<?, ?> method = route.method();
            String group = route.gateway().path();
            if (route.canonical()) {
                if (method.getType() == MethodType.UNARY) {
                    result.add(route(route.path(), "POST", method, ApiRoute.RequestForm.BODY, CANONICAL, group));
                }
            } else {
                if (route.gateway().allowsHttpMethod("POST")) {
                    result.add(route(route.path(), "POST", method, ApiRoute.RequestForm.BODY, "", group));
                }
                if (route.gateway().allowsHttpMethod("GET") && method.getType().clientSendsOneMessage()) {
                    result.add(route(route.path(), "GET", method, ApiRoute.RequestForm.QUERY, "", group));
                }
            }
        }
        for (MethodDescriptor<?, ?> method : methodPaths.methods()) {
            String path = "/" + method.getFullMethodName();
            // Where a gateway is at the root, its own routes are there first.
            if (method.getType() == MethodType.UNARY && !paths.contains(path)) {
                result.add(route(path, "POST", method, ApiRoute.RequestForm.BODY, CONNECT, ""));
                result.add(route(path, "GET", method, ApiRoute.RequestForm.CONNECT_GET, CONNECT, ""));
            }
        }
        result.addAll(RuleRoutes.of(routes.httpRules().stream().filter(rule -> rule.gateway().openApi()).toList()));
        return result;
    }

    private static ApiRoute route(String path, String httpMethod, MethodDescriptor<?, ?> method, ApiRoute.RequestForm form,
            String kind, String group) {
        return new ApiRoute(path, httpMethod, method.getFullMethodName(), method.getType(),
                descriptor(method.getRequestMarshaller()), descriptor(method.getResponseMarshaller()), form, kind, group, null);
    }

    /** The message type of a marshaller the gateway serves (it serves only methods of protobuf messages). */
    private static Descriptor descriptor(MethodDescriptor.Marshaller<?> marshaller) {
        Object prototype = ((MethodDescriptor.PrototypeMarshaller<?>) marshaller).getMessagePrototype();
        return ((Message) prototype).getDescriptorForType();
    }
}
