package dev.switchboard.internal;

import dev.switchboard.internal.grpc.GrpcRequestCheck;
import dev.switchboard.internal.grpcweb.GrpcWebDispatch;

import java.io.IOException;

import io.grpc.Status;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one entry point, mapped to {@code /*} ahead of the application's filters: a request with
 * {@code Content-Type: application/grpc*} goes to the gRPC transport whatever its path (gRPC paths are
 * {@code /package.Service/Method}, which no servlet mapping can claim short of {@code /*}); a request under a JSON
 * gateway's path goes to the JSON dispatcher; everything else continues to the application. CORS comes first, for all
 * of Switchboard's requests ({@link RequestRouter#answersCrossOrigin}).
 */
final class SwitchboardFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private transient volatile SwitchboardLifecycle lifecycle;

    SwitchboardFilter(SwitchboardLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Each start of the context (see {@link SwitchboardLifecycle#ATTRIBUTE}). */
    @Override
    public void init() {
        lifecycle = SwitchboardLifecycle.of(getServletContext(), lifecycle);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        RequestRouter router = lifecycle.router();
        if (router != null && router.answersCrossOrigin(req, resp)) {
            return;
        }
        if (GrpcRequestCheck.isGrpc(req)) {
            if (router == null) {
                GrpcWebDispatch.trailersOnly(req, resp, Status.UNAVAILABLE.withDescription("The application is not running"));
            } else {
                router.serveGrpc(req, resp);
            }
            return;
        }
        if (router != null && router.serveHttp(req, resp)) {
            return;
        }
        chain.doFilter(req, resp);
    }

}
