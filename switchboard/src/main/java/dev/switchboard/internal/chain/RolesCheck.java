package dev.switchboard.internal.chain;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} of a service's class and methods (a method's
 * own annotation wins), on both protocols, against the caller the container authenticated: no caller →
 * {@code UNAUTHENTICATED}, no allowed role → {@code PERMISSION_DENIED}. Built only for services that use them.
 */
public final class RolesCheck implements ServerInterceptor {

    /** Who may call one method: null roles means anyone. */
    private record Rule(boolean deny, Set<String> roles) {
    }

    private final Map<String, Rule> rules;

    private RolesCheck(Map<String, Rule> rules) {
        this.rules = rules;
    }

    /** The check for a service, or null when its class carries no security annotation. */
    public static RolesCheck of(Class<?> beanClass, ServerServiceDefinition definition) {
        Map<String, Rule> rules = new HashMap<>();
        Rule classRule = rule(beanClass.getAnnotation(DenyAll.class) != null, beanClass.getAnnotation(PermitAll.class) != null,
                beanClass.getAnnotation(RolesAllowed.class));
        for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
            String bare = method.getMethodDescriptor().getBareMethodName();
            Method java = javaMethod(beanClass, bare);
            Rule rule = java == null ? null : rule(java.isAnnotationPresent(DenyAll.class), java.isAnnotationPresent(PermitAll.class),
                    java.getAnnotation(RolesAllowed.class));
            Rule effective = rule != null ? rule : classRule;
            if (effective != null) {
                rules.put(method.getMethodDescriptor().getFullMethodName(), effective);
            }
        }
        return rules.isEmpty() ? null : new RolesCheck(Map.copyOf(rules));
    }

    private static Rule rule(boolean deny, boolean permit, RolesAllowed allowed) {
        if (deny) {
            return new Rule(true, Set.of());
        }
        if (allowed != null) {
            return new Rule(false, Set.of(allowed.value()));
        }
        return permit ? new Rule(false, null) : null;
    }

    /** The Java method of a gRPC method: generated stubs name {@code SayHello} {@code sayHello}. */
    private static Method javaMethod(Class<?> beanClass, String bareName) {
        String name = Character.toLowerCase(bareName.charAt(0)) + bareName.substring(1);
        for (Method method : beanClass.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        return null;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Rule rule = rules.get(call.getMethodDescriptor().getFullMethodName());
        if (rule != null) {
            CallerIdentity caller = CallerIdentity.current();
            Status refused = null;
            if (rule.deny()) {
                refused = Status.PERMISSION_DENIED.withDescription("Nobody may call " + call.getMethodDescriptor().getFullMethodName());
            } else if (rule.roles() != null && caller.principal() == null) {
                refused = Status.UNAUTHENTICATED.withDescription("Authentication is required");
            } else if (rule.roles() != null && rule.roles().stream().noneMatch(caller::isInRole)) {
                refused = Status.PERMISSION_DENIED.withDescription("The caller has none of the roles " + rule.roles());
            }
            if (refused != null) {
                call.close(refused, new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
        return next.startCall(call, headers);
    }
}
