package dev.switchboard.internal.grpcweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.switchboard.internal.chain.CallMetrics;
import dev.switchboard.internal.container.ForwardingAsyncContext;
import io.grpc.internal.GrpcUtil;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A gRPC-Web request as the gRPC transports expect a gRPC request: its content type {@code application/grpc}, a text
 * body decoded ({@link Base64RequestBody}), and a header that tells {@link CallMetrics} the call's protocol. Its async
 * cycle completes through the {@link GrpcWebResponse}, which writes the trailer frame first. HTTP/1.1's connection
 * headers are not presented as metadata.
 */
final class GrpcWebRequest extends HttpServletRequestWrapper {

    private static final String CONTENT_TYPE = "content-type";
    /**
     * HTTP/1.1's connection headers, and the body's length (a text body's is not the decoded one's): not the call's
     * metadata, as they would not be on HTTP/2, where gRPC-Web is turned into gRPC by a proxy such as Envoy.
     */
    private static final Set<String> HIDDEN = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade", "te", "http2-settings", "content-length");

    private final GrpcWebResponse response;
    private final Base64RequestBody textBody;
    private AsyncContext async;

    /** {@code textBody}: the decoded body of a text request; null for a binary one, whose body is read as it is. */
    GrpcWebRequest(HttpServletRequest request, GrpcWebResponse response, Base64RequestBody textBody) {
        super(request);
        this.response = response;
        this.textBody = textBody;
    }

    /** Whether the call went asynchronous (then its trailer frame goes out as it completes). */
    synchronized boolean wentAsync() {
        return async != null;
    }

    @Override
    public String getContentType() {
        return GrpcUtil.CONTENT_TYPE_GRPC;
    }

    @Override
    public String getHeader(String name) {
        if (CONTENT_TYPE.equalsIgnoreCase(name)) {
            return GrpcUtil.CONTENT_TYPE_GRPC;
        }
        if (CallMetrics.GRPC_WEB.name().equalsIgnoreCase(name)) {
            return CallMetrics.grpcWebToken();
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (CONTENT_TYPE.equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(GrpcUtil.CONTENT_TYPE_GRPC));
        }
        if (CallMetrics.GRPC_WEB.name().equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(CallMetrics.grpcWebToken()));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
            String name = e.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HIDDEN.contains(lower) && !CallMetrics.GRPC_WEB.name().equals(lower)) {
                names.add(name);
            }
        }
        names.add(CallMetrics.GRPC_WEB.name());
        return Collections.enumeration(names);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        return textBody != null ? textBody : super.getInputStream();
    }

    @Override
    public int getContentLength() {
        return textBody != null ? -1 : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        return textBody != null ? -1 : super.getContentLengthLong();
    }

    @Override
    public synchronized AsyncContext startAsync() {
        return async = new Completion(super.startAsync(this, response));
    }

    @Override
    public synchronized AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        return async = new Completion(super.startAsync(servletRequest, servletResponse));
    }

    @Override
    public synchronized AsyncContext getAsyncContext() {
        return async != null ? async : super.getAsyncContext();
    }

    /** The container's async context, whose completion writes the trailer frame first. */
    private final class Completion extends ForwardingAsyncContext {
        Completion(AsyncContext delegate) {
            super(delegate);
        }

        @Override
        public void complete() {
            response.complete(delegate);
        }
    }
}
