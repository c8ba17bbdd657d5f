package dev.switchboard.internal.gateway;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.container.ContainerParsing;
import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a request for a JSON route comes in: refused with the JSON error body when the container cannot parse it
 * ({@link ContainerParsing}) or the server is at its call limit ({@link CallAdmission}), else handed to the
 * {@link GatewayDispatcher}. A bug of Switchboard's becomes a 500 with the JSON error body, never the container's HTML
 * error page, and is logged.
 */
public final class GatewayEntrance {

    private static final Logger LOG = Logger.getLogger(GatewayEntrance.class.getName());

    private final GatewayDispatcher dispatcher;
    private final CallAdmission admission;

    public GatewayEntrance(GatewayDispatcher dispatcher, CallAdmission admission) {
        this.dispatcher = dispatcher;
        this.admission = admission;
    }

    /** {@code dispatchMayRunCalls}: whether the call's service code may run within the container's dispatch. */
    public void serve(HttpServletRequest req, HttpServletResponse resp, Routes.Match match, boolean dispatchMayRunCalls)
            throws IOException {
        if (!ContainerParsing.readsContentType(req)) {
            GatewayErrors.jsonBodyUnread(req, resp, 415, Status.INVALID_ARGUMENT.withDescription("The Content-Type's charset is unknown"));
            return;
        }
        if (!ContainerParsing.decodesQuery(req)) {
            GatewayErrors.jsonBodyUnread(req, resp, 400, Status.INVALID_ARGUMENT.withDescription("The query could not be decoded"));
            return;
        }
        if (!admission.enter()) {
            resp.setHeader("Retry-After", "1");
            GatewayErrors.jsonBodyUnread(req, resp, 503, admission.overloaded());
            return;
        }
        try {
            dispatcher.handle(req, resp, match, dispatchMayRunCalls);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Switchboard failed to serve " + req.getMethod() + " " + req.getRequestURI(), e);
            GatewayErrors.jsonBodyUnread(req, resp, Status.INTERNAL.withDescription("The server failed to handle the request (see its log)"));
        } finally {
            admission.leaveWhenDone(req);
        }
    }
}
