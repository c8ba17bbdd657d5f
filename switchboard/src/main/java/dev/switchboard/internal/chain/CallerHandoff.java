package dev.switchboard.internal.chain;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.grpc.Attributes;
import io.grpc.Contexts;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Carries the caller's identity from the HTTP request into the call's {@link Context}. Calls over plain HTTP get it
 * through their attributes. grpc-servlet builds a gRPC call from the request's headers only, so for gRPC the request
 * is wrapped with one extra header holding a random token, redeemed here for the identity (and removed, along with
 * any such header a client sent itself). On the dedicated gRPC port (no servlet request, no container authentication)
 * the caller is what TLS verified: the client certificate chain of the connection, and no principal.
 */
public final class CallerHandoff implements ServerInterceptor {

    public static final String TOKEN_HEADER = "switchboard-caller-token";
    public static final Attributes.Key<CallerIdentity> ATTRIBUTE = Attributes.Key.create("switchboard.caller");
    private static final Metadata.Key<String> TOKEN = Metadata.Key.of(TOKEN_HEADER, Metadata.ASCII_STRING_MARSHALLER);
    /** A call that never reaches the interceptors (an unknown method) leaves its token; it expires. */
    private static final long EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Pending(CallerIdentity identity, long created) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** The request as grpc-servlet should see it: with the caller's token, and never with a client's own. */
    public HttpServletRequest forGrpc(HttpServletRequest req) {
        CallerIdentity identity = CallerIdentity.of(req);
        if (identity == null && req.getHeader(TOKEN_HEADER) == null) {
            return req;
        }
        String token = null;
        if (identity != null) {
            long now = System.nanoTime();
            pending.values().removeIf(p -> now - p.created() > EXPIRY_NANOS);
            token = UUID.randomUUID().toString();
            pending.put(token, new Pending(identity, now));
        }
        return new TokenRequest(req, token);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        CallerIdentity identity = call.getAttributes().get(ATTRIBUTE);
        String token = headers.get(TOKEN);
        if (token != null) {
            headers.discardAll(TOKEN);
            Pending redeemed = pending.remove(token);
            if (identity == null && redeemed != null) {
                identity = redeemed.identity();
            }
        }
        if (identity == null) {
            identity = CallerIdentity.of(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        }
        if (identity == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CallerIdentity.KEY, identity), call, headers, next);
    }

    /** The request with the token header in place of any a client sent. */
    private static final class TokenRequest extends HttpServletRequestWrapper {
        private final String token;

        TokenRequest(HttpServletRequest request, String token) {
            super(request);
            this.token = token;
        }

        @Override
        public String getHeader(String name) {
            return TOKEN_HEADER.equalsIgnoreCase(name) ? token : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (TOKEN_HEADER.equalsIgnoreCase(name)) {
                return Collections.enumeration(token == null ? List.of() : List.of(token));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(TOKEN_HEADER::equalsIgnoreCase);
            if (token != null) {
                names.add(TOKEN_HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
