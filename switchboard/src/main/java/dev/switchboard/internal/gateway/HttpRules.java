package dev.switchboard.internal.gateway;

import dev.switchboard.internal.cdi.ServiceBinding;
import dev.switchboard.internal.gateway.httprule.PathTemplate;
import dev.switchboard.internal.gateway.httprule.RuleTable;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import dev.switchboard.GrpcGateway;
import io.grpc.Context;
import io.grpc.ServerMethodDefinition;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;

/**
 * The {@code google.api.http} rules of the methods that gateways with {@code exposeHttp} serve, read from the
 * methods' descriptors, checked once at startup (a template that does not parse, a field that does not exist, two
 * identical rules: the deployment fails saying which), and the rule a request finds. A method exposed by several
 * gateways gets its rules once, with the first gateway's settings; a binding whose HTTP method that gateway does not
 * allow is not served.
 */
final class HttpRules {

    /** A served binding: its description, the route its calls take, and its body and response fields (null: none). */
    record Bound(HttpRuleRoute description, Routes.Route route, boolean wholeBody, FieldDescriptor bodyField,
            FieldDescriptor responseField) {

        /** Whether the request body is a {@code google.api.HttpBody}: any content type, taken as it comes. */
        boolean rawBody() {
            return bodyField != null ? bodyField.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !bodyField.isRepeated()
                    && HttpBodyCodec.is(bodyField.getMessageType())
                    : wholeBody && HttpBodyCodec.is(description.method().getInputType());
        }

        /** Whether the response body is a {@code google.api.HttpBody}, written as its bytes. */
        boolean rawResponse() {
            return responseField != null ? responseField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !responseField.isRepeated() && HttpBodyCodec.is(responseField.getMessageType())
                    : HttpBodyCodec.is(description.method().getOutputType());
        }
    }

    /**
     * What a request to a rule's path finds: a binding and its path variables; or, with {@code bound} null, the HTTP
     * methods the path has ({@code allowed}, empty: none), or why the path's variables could not be read
     * ({@code error}).
     */
    public record RuleMatch(Bound bound, Map<String, String> variables, Set<String> allowed, String error) {

        /** Whether this answers the request (a call, a 405 or a 400), rather than a 404 another route may avoid. */
        boolean decisive() {
            return bound != null || error != null || !allowed.isEmpty();
        }
    }

    private static final ExtensionRegistry HTTP_EXTENSION = ExtensionRegistry.newInstance();

    static {
        AnnotationsProto.registerAllExtensions(HTTP_EXTENSION);
    }

    private final String basePath;
    private final RuleTable<Bound> table;

    private HttpRules(String basePath, RuleTable<Bound> table) {
        this.basePath = basePath;
        this.table = table;
    }

    static HttpRules none() {
        return new HttpRules("", RuleTable.<Bound>builder().build());
    }

    /** {@link IllegalArgumentException} naming the method and rule when a rule cannot be served. */
    static HttpRules build(String basePath, List<GrpcGateway> gateways, List<ServiceBinding> services) {
        RuleTable.Builder<Bound> table = RuleTable.builder();
        Set<String> bound = new HashSet<>();
        for (GrpcGateway gateway : gateways) {
            if (!gateway.exposeHttp() || !gateway.httpRules()) {
                continue;
            }
            for (ServiceBinding service : services) {
                if (!gateway.includes(service.beanClass())) {
                    continue;
                }
                // In the order of the .proto (getMethods() has none), so that a listing of the routes is stable.
                for (io.grpc.MethodDescriptor<?, ?> declared : service.definition().getServiceDescriptor().getMethods()) {
                    ServerMethodDefinition<?, ?> method = service.definition().getMethod(declared.getFullMethodName());
                    Message prototype = Routes.requestPrototype(method.getMethodDescriptor());
                    Descriptors.MethodDescriptor descriptor = protoDescriptor(method);
                    if (prototype == null || descriptor == null || !bound.add(descriptor.getFullName())) {
                        continue;
                    }
                    HttpRule rule = rule(descriptor);
                    if (rule == null) {
                        continue;
                    }
                    Routes.Route route = new Routes.Route(gateway, method, prototype, "rest", Context.ROOT);
                    add(table, basePath, gateway, route, descriptor, rule);
                    for (HttpRule additional : rule.getAdditionalBindingsList()) {
                        if (additional.getAdditionalBindingsCount() > 0) {
                            throw invalid(descriptor, additional, "additional_bindings may not have additional_bindings of their own");
                        }
                        add(table, basePath, gateway, route, descriptor, additional);
                    }
                }
            }
        }
        return new HttpRules(basePath, table.build());
    }

    private static void add(RuleTable.Builder<Bound> table, String basePath, GrpcGateway gateway, Routes.Route route,
            Descriptors.MethodDescriptor method, HttpRule rule) {
        String httpMethod;
        String path;
        switch (rule.getPatternCase()) {
            case GET -> { httpMethod = "GET"; path = rule.getGet(); }
            case PUT -> { httpMethod = "PUT"; path = rule.getPut(); }
            case POST -> { httpMethod = "POST"; path = rule.getPost(); }
            case DELETE -> { httpMethod = "DELETE"; path = rule.getDelete(); }
            case PATCH -> { httpMethod = "PATCH"; path = rule.getPatch(); }
            case CUSTOM -> { httpMethod = rule.getCustom().getKind(); path = rule.getCustom().getPath(); }
            default -> throw invalid(method, rule, "it has no HTTP method and path");
        }
        if (!httpMethod.equals(RuleTable.ANY_METHOD) && !httpMethod.matches("[A-Za-z]+")) {
            throw invalid(method, rule, "'" + httpMethod + "' is not an HTTP method");
        }
        if (!gateway.allowsHttpMethod(httpMethod.toUpperCase(java.util.Locale.ROOT))) {
            return;
        }
        PathTemplate template;
        try {
            template = PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            throw invalid(method, rule, e.getMessage());
        }
        Descriptors.Descriptor input = method.getInputType();
        for (String fieldPath : template.fieldPaths()) {
            String problem = PathFields.problem(input, fieldPath);
            if (problem != null) {
                throw invalid(method, rule, "path variable " + fieldPath + " " + problem);
            }
        }
        if (method.isClientStreaming() && rule.getBody().isEmpty()) {
            throw invalid(method, rule, "the method streams requests, so its rule needs a body (\"*\" or a field)");
        }
        boolean wholeBody = rule.getBody().equals("*");
        FieldDescriptor bodyField = null;
        if (!rule.getBody().isEmpty() && !wholeBody) {
            bodyField = input.findFieldByName(rule.getBody());
            if (bodyField == null) {
                throw invalid(method, rule, "body: " + input.getFullName() + " has no field " + rule.getBody());
            }
        }
        FieldDescriptor responseField = null;
        if (!rule.getResponseBody().isEmpty()) {
            responseField = method.getOutputType().findFieldByName(rule.getResponseBody());
            if (responseField == null) {
                throw invalid(method, rule, "response_body: " + method.getOutputType().getFullName() + " has no field "
                        + rule.getResponseBody());
            }
        }
        HttpRuleRoute description = new HttpRuleRoute(httpMethod.equals(RuleTable.ANY_METHOD) ? httpMethod
                : httpMethod.toUpperCase(java.util.Locale.ROOT), basePath + template.text(), template, method, rule.getBody(),
                rule.getResponseBody(), gateway);
        try {
            table.add(httpMethod, template, new Bound(description, route, wholeBody, bodyField, responseField),
                    method.getService().getFullName() + "/" + method.getName());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("google.api.http: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException invalid(Descriptors.MethodDescriptor method, HttpRule rule, String why) {
        return new IllegalArgumentException("The google.api.http rule of " + method.getService().getFullName() + "/"
                + method.getName() + " cannot be served: " + why + " (rule: " + rule.toString().replace('\n', ' ').trim() + ")");
    }

    /** The method's protobuf descriptor, or null when its service was not generated from a .proto. */
    private static Descriptors.MethodDescriptor protoDescriptor(ServerMethodDefinition<?, ?> method) {
        return method.getMethodDescriptor().getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier supplier
                ? supplier.getMethodDescriptor() : null;
    }

    /**
     * The method's rule, or null. protoc's Java code registers the extensions its options use when their classes are
     * there at build time; options built without them keep the rule as an unknown field, read here with the registry.
     */
    private static HttpRule rule(Descriptors.MethodDescriptor method) {
        MethodOptions options = method.getOptions();
        if (options.hasExtension(AnnotationsProto.http)) {
            return options.getExtension(AnnotationsProto.http);
        }
        if (!options.getUnknownFields().hasField(AnnotationsProto.HTTP_FIELD_NUMBER)) {
            return null;
        }
        try {
            return MethodOptions.parseFrom(options.toByteString(), HTTP_EXTENSION).getExtension(AnnotationsProto.http);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("The options of " + method.getFullName() + " do not parse: " + e.getMessage(), e);
        }
    }

    boolean isEmpty() {
        return table.isEmpty();
    }

    /** Every served binding, in the order of the services and their methods. */
    List<HttpRuleRoute> routes() {
        return table.rules().stream().map(r -> r.target().description()).toList();
    }

    /**
     * What a request finds: {@code rawPath} is the path within the context as sent (percent-encoded). Null when no
     * rule matches and the path is not under a rule's leading literal segments (then it is not the rules' at all).
     */
    RuleMatch match(String httpMethod, String rawPath) {
        if (table.isEmpty() || !under(rawPath, basePath)) {
            return null;
        }
        String path = rawPath.substring(basePath.length());
        RuleTable.Lookup<Bound> lookup;
        try {
            lookup = table.find(httpMethod, path);
        } catch (IllegalArgumentException e) {
            return new RuleMatch(null, Map.of(), Set.of(), e.getMessage());
        }
        if (lookup instanceof RuleTable.Found<Bound> found) {
            return new RuleMatch(found.rule().target(), found.variables(), Set.of(), null);
        }
        if (lookup instanceof RuleTable.NotAllowed<Bound> notAllowed) {
            return new RuleMatch(null, Map.of(), notAllowed.allowed(), null);
        }
        return table.covers(path) ? new RuleMatch(null, Map.of(), Set.of(), null) : null;
    }

    /** Whether a path within the context (decoded) is the rules': under a leading literal prefix, or one a rule matches. */
    boolean covers(String path) {
        if (table.isEmpty() || !under(path, basePath)) {
            return false;
        }
        return table.claims(path.substring(basePath.length()));
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
