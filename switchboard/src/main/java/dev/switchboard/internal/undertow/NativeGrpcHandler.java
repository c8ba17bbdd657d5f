package dev.switchboard.internal.undertow;

import java.io.IOException;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.internal.grpc.NativeGrpc;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.SameThreadExecutor;

/**
 * The handler {@link NativeGrpcExtension} puts inside the deployment's security handlers, before the servlet it would
 * reach: offers every request to the deployment's {@link NativeGrpc}; what it declines goes on to the servlet layer
 * unchanged.
 *
 * <p>Where it runs: on one of Undertow's worker threads, never an I/O thread — {@code ServletInitialHandler} hands the
 * request from the I/O thread to the deployment's executor, and the security chain's {@code
 * ServletAuthenticationCallHandler} again any request still on an I/O thread (authentication may block); within the
 * servlet request's setup (class loader, naming, the request listeners' {@code requestInitialized}), after web.xml's
 * constraints and login. The request body mostly reaches {@link UndertowExchange} on that worker; what arrives later
 * comes on the I/O thread, where Switchboard's executor does not run service code ({@code InlineFirstExecutor}).
 *
 * <p>A request taken is marked dispatched ({@code dispatch(SameThreadExecutor, …)}, Undertow's idiom for "this
 * handler ends the exchange itself"): the servlet layer then neither ends the response when the chain returns nor
 * runs a servlet, and the exchange starts its I/O right after, on the same thread.
 */
final class NativeGrpcHandler implements HttpHandler {

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
        HttpServletRequest request = grpc == null ? null : servletRequest(exchange);
        if (request == null) {
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
            exchange.dispatch(SameThreadExecutor.INSTANCE, nativeExchange::start);
        } else {
            next.handleRequest(exchange);
        }
    }

    private static HttpServletRequest servletRequest(HttpServerExchange exchange) {
        ServletRequestContext servlet = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        ServletRequest request = servlet == null ? null : servlet.getServletRequest();
        return request instanceof HttpServletRequest http ? http : null;
    }
}
