package dev.switchboard.internal.grpc;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.container.FailedStreamCompletion;
import dev.switchboard.internal.container.ServletContainer;
import dev.switchboard.internal.observe.ClientFaults;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.servlet.jakarta.ServletAdapter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves a gRPC request on the container's connector: refuses what is malformed ({@link GrpcRequestCheck}) or beyond the
 * call limit ({@link CallAdmission}; health checks never are), then hands unary calls to Switchboard's
 * {@link SwitchboardTransport} and the rest to grpc-servlet, with the container's adaptations applied
 * ({@link ServletContainer#forGrpcServlet}). A bug of Switchboard's becomes INTERNAL, never the container's HTML error
 * page (nor, after {@code startAsync}, no answer at all).
 */
public final class GrpcDispatch {

    private static final Logger LOG = Logger.getLogger(GrpcDispatch.class.getName());
    /** The health check's method, which the call limit never refuses (a busy server must still say it is up). */
    static final String HEALTH_CHECK_METHOD = "grpc.health.v1.Health/Check";
    private static final String HEALTH_CHECK = "/" + HEALTH_CHECK_METHOD;

    private final ServletAdapter grpcServlet;
    /** Null when unary calls go to grpc-servlet too. */
    private final SwitchboardTransport transport;
    /** Full method name → type, for every method served. */
    private final Map<String, MethodDescriptor.MethodType> methodTypes;
    private final CallerHandoff callers;
    private final CallAdmission admission;
    private final ServletContainer container;
    /** Whose calls grpc-servlet starts so that they run in place (its server has them as its call executor too). */
    private final NonBlockingServices nonBlocking;

    public GrpcDispatch(ServletAdapter grpcServlet, SwitchboardTransport transport,
            List<ServerServiceDefinition> definitions, CallerHandoff callers, CallAdmission admission,
            ServletContainer container, NonBlockingServices nonBlocking) {
        this.grpcServlet = grpcServlet;
        this.nonBlocking = nonBlocking;
        this.transport = transport;
        this.methodTypes = methodTypes(definitions);
        this.callers = callers;
        this.admission = admission;
        this.container = container;
    }

    /** {@code dispatchMayRunCalls}: whether the call's service code may run within the container's dispatch. */
    public void serve(HttpServletRequest req, HttpServletResponse resp, boolean dispatchMayRunCalls) throws IOException {
        Status refused = GrpcRequestCheck.problem(req, methodName(req));
        if (refused != null) {
            ClientFaults.report("gRPC request refused", req.getRequestURI() + ": " + refused.getCode() + " " + refused.getDescription());
            GrpcErrors.trailersOnly(resp, refused);
            return;
        }
        if (req.getRequestURI().endsWith(HEALTH_CHECK)) {
            serveSafely(req, resp, dispatchMayRunCalls);
            return;
        }
        if (!admission.enter()) {
            GrpcErrors.trailersOnly(resp, Status.RESOURCE_EXHAUSTED.withDescription(admission.overloaded().getDescription()));
            return;
        }
        try {
            serveSafely(req, resp, dispatchMayRunCalls);
        } finally {
            admission.leaveWhenDone(req);
        }
    }

    private void serveSafely(HttpServletRequest req, HttpServletResponse resp, boolean dispatchMayRunCalls) throws IOException {
        try {
            dispatch(req, resp, dispatchMayRunCalls);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Switchboard failed to serve gRPC " + req.getRequestURI(), e);
            if (!resp.isCommitted()) {
                resp.resetBuffer();
                GrpcErrors.trailersOnly(resp, Status.INTERNAL.withDescription("The server failed to handle the request (see its log)"));
            }
            if (req.isAsyncStarted()) {
                req.getAsyncContext().complete();
            }
        }
    }

    private void dispatch(HttpServletRequest req, HttpServletResponse resp, boolean dispatchMayRunCalls) throws IOException {
        if (!req.isAsyncSupported()) {
            LOG.severe("A filter or servlet in front of Switchboard is not async-supported, so gRPC cannot be served;"
                    + " mark every filter mapped to this path <async-supported>true</async-supported>");
            GrpcErrors.trailersOnly(resp, Status.INTERNAL.withDescription("The server is misconfigured for gRPC (see its log)"));
            return;
        }
        String method = methodName(req);
        MethodDescriptor.MethodType type = methodTypes.get(method);
        if (transport != null && type == MethodDescriptor.MethodType.UNARY) {
            transport.serve(callers.forGrpc(req), resp, method, dispatchMayRunCalls);
            return;
        }
        FailedStreamCompletion completion = container.forGrpcServlet(callers.forGrpc(req), resp,
                type != null && type.serverSendsOneMessage());
        nonBlocking.starting(method, () -> grpcServlet.doPost(completion.request(), completion.response()));
    }

    /** Whether {@code method} (a full method name, {@code package.Service/Method}) is served. */
    public boolean serves(String method) {
        return methodTypes.containsKey(method);
    }

    /** The type of a method served, by its full name; null for a method not served. */
    public MethodDescriptor.MethodType methodType(String method) {
        return methodTypes.get(method);
    }

    /** The gRPC method a request names: its path without the context path, so it resolves under any context root. */
    public static String methodName(HttpServletRequest req) {
        return req.getRequestURI().substring(req.getContextPath().length() + 1);
    }

    private static Map<String, MethodDescriptor.MethodType> methodTypes(List<ServerServiceDefinition> definitions) {
        Map<String, MethodDescriptor.MethodType> types = new HashMap<>();
        for (ServerServiceDefinition definition : definitions) {
            for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                types.put(method.getMethodDescriptor().getFullMethodName(), method.getMethodDescriptor().getType());
            }
        }
        return Map.copyOf(types);
    }
}
