package dev.switchboard.internal.undertow;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.internal.grpc.NativeGrpc;
import io.undertow.security.api.SecurityContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.SameThreadExecutor;

/**
 * The handler {@link UndertowInstaller} puts inside the deployment's security handlers, before the servlet it would
 * reach: offers every request to the deployment's {@link NativeGrpc}; what it declines goes on to the servlet layer
 * unchanged.
 *
 * <p>Where it runs: on one of Undertow's worker threads, never an I/O thread — {@code ServletInitialHandler} hands the
 * request from the I/O thread to the deployment's executor, and the security chain's {@code
 * ServletAuthenticationCallHandler} again any request still on an I/O thread (authentication may block); within the
 * servlet request's setup (class loader, naming, the request listeners' {@code requestInitialized}), after web.xml's
 * constraints, login and (checked here, as Undertow would in the servlet's chain) roles. The request body mostly reaches {@link UndertowExchange} on that worker; what arrives later
 * comes on the I/O thread, where Switchboard's executor does not run service code ({@code InlineFirstExecutor}).
 *
 * <p>A request taken is marked dispatched ({@code dispatch(SameThreadExecutor, …)}, Undertow's idiom for "this
 * handler ends the exchange itself"): the servlet layer then neither ends the response when the chain returns nor
 * runs a servlet, and the exchange starts its I/O right after, on the same thread.
 */
final class NativeGrpcHandler implements HttpHandler {

    /**
     * The servlet request attribute that marks a request this transport took (value {@code "undertow"}), for what
     * still sees the servlet request — request listeners, an access log ({@code %{r,dev.switchboard.native-transport}}).
     */
    static final String SERVED_ATTRIBUTE = "dev.switchboard.native-transport";

    private final HttpHandler next;
    private final ServletContext context;
    private final StreamResets resets;

    NativeGrpcHandler(HttpHandler next, ServletContext context, StreamResets resets) {
        this.next = next;
        this.context = context;
        this.resets = resets;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        NativeGrpc grpc = NativeGrpc.of(context);
        ServletRequestContext servlet = grpc == null ? null : exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        if (servlet == null || !(servlet.getServletRequest() instanceof HttpServletRequest request) || !authorized(exchange, servlet)) {
            next.handleRequest(exchange);
            return;
        }
        UndertowExchange nativeExchange = new UndertowExchange(exchange, resets);
        boolean served;
        try {
            served = grpc.serve(request, nativeExchange);
        } catch (IOException | RuntimeException e) {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> nativeExchange.failed(e));
            return;
        }
        if (served) {
            request.setAttribute(SERVED_ATTRIBUTE, "undertow");
            exchange.dispatch(SameThreadExecutor.INSTANCE, nativeExchange::start);
        } else {
            next.handleRequest(exchange);
        }
    }

    /**
     * web.xml's role constraints, as Undertow's {@code ServletSecurityRoleHandler} checks them — with the deployment's
     * authorization manager, for the servlet the request would reach. Undertow checks them in that servlet's own chain,
     * after this handler, not in the security handlers before it (which authenticate only): a request they would
     * refuse is left to the servlet layer, which refuses it (403) as without a native transport.
     */
    private static boolean authorized(HttpServerExchange exchange, ServletRequestContext servlet) {
        DeploymentInfo info = servlet.getDeployment().getDeploymentInfo();
        if (info.isSecurityDisabled() || servlet.getServletRequest().getDispatcherType() != DispatcherType.REQUEST) {
            return true;
        }
        SecurityContext security = exchange.getSecurityContext();
        return info.getAuthorizationManager().canAccessResource(servlet.getRequiredConstrains(),
                security == null ? null : security.getAuthenticatedAccount(),
                servlet.getCurrentServlet().getManagedServlet().getServletInfo(), servlet.getOriginalRequest(),
                servlet.getDeployment());
    }
}
