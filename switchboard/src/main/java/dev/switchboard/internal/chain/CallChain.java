package dev.switchboard.internal.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;

/**
 * Builds every call's interceptor chain, the same for all protocols. Outermost first:
 * <ol>
 *   <li>call tracking ({@link CallTracker}: graceful stop);</li>
 *   <li>OpenTelemetry (internal.telemetry's CallTelemetry: A66 metrics, the call's span current in service code), when
 *   on;</li>
 *   <li>metrics and access log ({@link CallMetrics});</li>
 *   <li>the caller's identity ({@link CallerHandoff});</li>
 *   <li>{@code @RolesAllowed} checks ({@link RolesCheck});</li>
 *   <li>the request scope ({@link RequestScope});</li>
 *   <li>global interceptors by priority, then the service's own;</li>
 *   <li>exception mapping ({@link ExceptionMapping});</li>
 *   <li>the service.</li>
 * </ol>
 * gRPC transports get request messages parsed within the chain ({@link RequestParsing}); calls over plain HTTP bring
 * them parsed. Health is outside the application's interceptors (an authentication interceptor must not turn load
 * balancers' health checks away) and untracked, so that it answers NOT_SERVING while calls drain.
 */
public final class CallChain {

    private final ExceptionMapping exceptionMapping;
    private final List<ServerInterceptor> globalInterceptors;
    private final RequestScope requestScope;
    private final CallerHandoff callers;
    private final CallMetrics metrics;
    /** Null when OpenTelemetry is off. */
    private final ServerInterceptor telemetry;
    private final CallTracker tracker;

    /**
     * {@code requestScope} null when the application has no request-scoped beans; {@code telemetry} null when
     * OpenTelemetry is off.
     */
    public CallChain(ExceptionMapping exceptionMapping, List<ServerInterceptor> globalInterceptors, RequestScope requestScope,
            CallerHandoff callers, CallMetrics metrics, ServerInterceptor telemetry, CallTracker tracker) {
        this.exceptionMapping = exceptionMapping;
        this.globalInterceptors = reversed(globalInterceptors);
        this.requestScope = requestScope;
        this.callers = callers;
        this.metrics = metrics;
        this.telemetry = telemetry;
        this.tracker = tracker;
    }

    /** A service's own part of the chain: from the roles check in to the service. */
    public ServerServiceDefinition service(ServerServiceDefinition definition, Class<?> beanClass, List<ServerInterceptor> own) {
        ServerServiceDefinition chained = definition;
        if (!exceptionMapping.isEmpty()) {
            chained = ServerInterceptors.intercept(chained, exceptionMapping);
        }
        // ServerInterceptors.intercept runs the last interceptor of a list first; ours are listed outermost first.
        chained = ServerInterceptors.intercept(chained, reversed(own));
        chained = ServerInterceptors.intercept(chained, globalInterceptors);
        if (requestScope != null) {
            chained = ServerInterceptors.intercept(chained, requestScope);
        }
        RolesCheck roles = RolesCheck.of(beanClass, chained);
        if (roles != null) {
            chained = ServerInterceptors.intercept(chained, roles);
        }
        return chained;
    }

    /** A service's whole chain for the gRPC transports, given its {@link #service own part}. */
    public ServerServiceDefinition forGrpc(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(RequestParsing.inListener(service), outer(callers, true));
    }

    /** A service's whole chain for calls over plain HTTP, given its {@link #service own part}. */
    public ServerServiceDefinition forHttp(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(service, outer(callers, true));
    }

    /** Health: measured, neither tracked nor intercepted by the application. */
    public ServerServiceDefinition health(BindableService health) {
        return ServerInterceptors.intercept(RequestParsing.inListener(health.bindService()), outer(null, false));
    }

    /** Reflection: measured and tracked, not intercepted by the application. */
    public ServerServiceDefinition tool(BindableService tool) {
        return ServerInterceptors.intercept(RequestParsing.inListener(tool.bindService()), outer(null, true));
    }

    /** Health for calls over plain HTTP, whose request messages arrive parsed: otherwise as {@link #health}. */
    public ServerServiceDefinition healthForHttp(BindableService health) {
        return ServerInterceptors.intercept(health.bindService(), outer(null, false));
    }

    /** Reflection for calls over plain HTTP, whose request messages arrive parsed: otherwise as {@link #tool}. */
    public ServerServiceDefinition toolForHttp(BindableService tool) {
        return ServerInterceptors.intercept(tool.bindService(), outer(null, true));
    }

    /**
     * Switchboard's outermost interceptors, innermost first as ServerInterceptors.intercept takes them: the caller's
     * identity (when given), metrics, telemetry (when on; outside the metrics, which take gRPC-Web's marker header
     * out of the metadata), call tracking (when {@code tracked}).
     */
    private List<ServerInterceptor> outer(ServerInterceptor callers, boolean tracked) {
        List<ServerInterceptor> list = new ArrayList<>(4);
        if (callers != null) {
            list.add(callers);
        }
        list.add(metrics);
        if (telemetry != null) {
            list.add(telemetry);
        }
        if (tracked) {
            list.add(tracker);
        }
        return list;
    }

    private static List<ServerInterceptor> reversed(List<ServerInterceptor> outermostFirst) {
        List<ServerInterceptor> list = new ArrayList<>(outermostFirst);
        Collections.reverse(list);
        return list;
    }
}
