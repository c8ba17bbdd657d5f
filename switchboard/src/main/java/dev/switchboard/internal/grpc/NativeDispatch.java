package dev.switchboard.internal.grpc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.container.InlineFirstExecutor;
import io.grpc.MethodDescriptor;
import io.grpc.internal.GrpcUtil;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Serves gRPC calls for a native transport ({@link NativeGrpc}): with the checks, call admission and caller of
 * {@link GrpcDispatch}, on the transport's {@link NativeExchange} instead of the servlet API — unary calls always,
 * streaming ones where the exchange {@link NativeExchange#streams streams} (else grpc-servlet serves them). It takes
 * only what needs nothing the servlet layer does first: a well-formed native gRPC POST for a method served, without an
 * {@code Origin} (CORS is the servlet layer's) — and not a call over the limit, which the servlet layer refuses with
 * its status. Everything else it declines, untouched, and the servlet layer serves it as it would without a native
 * transport.
 */
public final class NativeDispatch implements NativeGrpc {

    private static final Logger LOG = Logger.getLogger(NativeDispatch.class.getName());

    private final GrpcDispatch grpc;
    private final SwitchboardTransport transport;
    private final CallerHandoff callers;
    private final CallAdmission admission;

    public NativeDispatch(GrpcDispatch grpc, SwitchboardTransport transport, CallerHandoff callers,
            CallAdmission admission) {
        this.grpc = grpc;
        this.transport = transport;
        this.callers = callers;
        this.admission = admission;
    }

    @Override
    public boolean serve(HttpServletRequest req, NativeExchange exchange) {
        if (!"POST".equals(req.getMethod()) || req.getHeader("Origin") != null
                || !GrpcUtil.isGrpcContentType(req.getHeader("Content-Type"))) {
            return false;
        }
        String method = GrpcDispatch.methodName(req);
        MethodDescriptor.MethodType type = grpc.methodType(method);
        boolean unaryCall = type == MethodDescriptor.MethodType.UNARY;
        if (type == null || !(unaryCall || exchange.streams()) || GrpcRequestCheck.problem(req, method) != null) {
            return false;
        }
        boolean counted = !method.equals(GrpcDispatch.HEALTH_CHECK_METHOD);
        if (counted && !admission.enter()) {
            return false;
        }
        AtomicBoolean ended = new AtomicBoolean();
        Runnable onEnd = () -> {
            if (counted && ended.compareAndSet(false, true)) {
                admission.leave();
            }
        };
        try {
            if (unaryCall) {
                transport.serveNative(callers.forGrpc(req), exchange, method, onEnd);
            } else {
                transport.serveNativeStreaming(callers.forGrpc(req), exchange, method, onEnd);
            }
        } catch (RuntimeException e) {
            // Switchboard's bug, not the client's: the call ends (the client sees its stream reset), the server goes on.
            LOG.log(Level.SEVERE, "Switchboard failed to serve gRPC " + req.getRequestURI(), e);
            exchange.reset(e);
            onEnd.run();
        }
        return true;
    }

    @Override
    public boolean serveWithoutBlocking(HttpServletRequest req, NativeExchange exchange) {
        boolean[] served = new boolean[1];
        InlineFirstExecutor.handingOff(() -> served[0] = serve(req, exchange));
        return served[0];
    }
}
