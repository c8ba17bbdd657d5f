package dev.switchboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves one JSON request: checks the HTTP method and content type, reads the request message with
 * {@link JsonCodec}, and runs the call through the method's {@code ServerCallHandler} — the same interceptors and
 * service code a gRPC request reaches — as a {@link JsonServerCall}.
 */
final class JsonDispatcher {

    private static final Logger LOG = Logger.getLogger(JsonDispatcher.class.getName());

    /** What "all methods" means: the methods that can carry a request message. */
    static final Set<String> ALL_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final JsonCodec codec = new JsonCodec();
    private final int maxRequestBytes;
    private volatile boolean warnedSync;

    JsonDispatcher(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    void handle(HttpServletRequest req, HttpServletResponse resp, JsonRoutes.Match match) throws IOException {
        String httpMethod = req.getMethod().toUpperCase(Locale.ROOT);
        if (!ALL_METHODS.contains(httpMethod) || !match.gateway().allowsHttpMethod(httpMethod)) {
            Set<String> allowed = new TreeSet<>(match.gateway().httpMethods().isEmpty() ? ALL_METHODS : match.gateway().httpMethods());
            resp.setHeader("Allow", String.join(", ", allowed));
            HttpResponses.jsonError(resp, 405, Status.UNIMPLEMENTED.withDescription(
                    "HTTP method " + httpMethod + " is not allowed here; use " + String.join(" or ", allowed)));
            return;
        }
        JsonRoutes.Route route = match.route();
        if (route == null) {
            HttpResponses.jsonError(resp, Status.NOT_FOUND.withDescription("No gRPC method at " + req.getRequestURI()));
            return;
        }
        MethodType type = route.method().getMethodDescriptor().getType();
        if (type != MethodType.UNARY && type != MethodType.SERVER_STREAMING) {
            HttpResponses.jsonError(resp, Status.UNIMPLEMENTED.withDescription(route.method().getMethodDescriptor().getFullMethodName()
                    + " streams requests, which is served over gRPC only; JSON carries one request message"));
            return;
        }
        Message request = readRequest(req, resp, httpMethod, route.requestPrototype());
        if (request == null) {
            return;
        }
        Metadata headers;
        try {
            headers = HttpMetadata.fromRequest(req);
        } catch (IllegalArgumentException e) {
            HttpResponses.jsonError(resp, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
            return;
        }
        run(route.method(), req, resp, headers, request);
    }

    /** The request message, or null when an error response has been sent instead. */
    private Message readRequest(HttpServletRequest req, HttpServletResponse resp, String httpMethod, Message prototype)
            throws IOException {
        if (!BODY_METHODS.contains(httpMethod)) {
            if (req.getQueryString() != null && !req.getQueryString().isEmpty()) {
                HttpResponses.jsonError(resp, Status.INVALID_ARGUMENT.withDescription(
                        "Request fields from query parameters are not supported yet; send a JSON body with POST"));
                return null;
            }
            return prototype.getDefaultInstanceForType();
        }
        long length = req.getContentLengthLong();
        if (length > maxRequestBytes) {
            HttpResponses.jsonError(resp, 413, tooLarge());
            return null;
        }
        String contentType = req.getContentType();
        if (contentType == null ? length > 0 : !isJson(contentType)) {
            HttpResponses.jsonError(resp, 415, Status.INVALID_ARGUMENT.withDescription("Content-Type must be application/json"
                    + (contentType == null ? "" : " (charset utf-8), not " + contentType)));
            return null;
        }
        try (InputStream body = new LimitedInputStream(req.getInputStream(), maxRequestBytes)) {
            return codec.parse(body, prototype);
        } catch (LimitedInputStream.LimitExceededException e) {
            HttpResponses.jsonError(resp, 413, tooLarge());
        } catch (CharacterCodingException e) {
            HttpResponses.jsonError(resp, Status.INVALID_ARGUMENT.withDescription("The request body is not valid UTF-8"));
        } catch (InvalidProtocolBufferException e) {
            HttpResponses.jsonError(resp, Status.INVALID_ARGUMENT.withDescription("Invalid JSON for "
                    + prototype.getDescriptorForType().getFullName() + ": " + e.getMessage()));
        }
        return null;
    }

    private Status tooLarge() {
        return Status.RESOURCE_EXHAUSTED.withDescription("The request body is larger than " + maxRequestBytes + " bytes");
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(HttpResponses.JSON) && !(media.startsWith("application/") && media.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && param.length == 2
                    && !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private <ReqT, RespT> void run(ServerMethodDefinition<ReqT, RespT> method, HttpServletRequest req,
            HttpServletResponse resp, Metadata headers, Message request) {
        AsyncContext async = null;
        if (req.isAsyncSupported()) {
            async = req.startAsync(req, resp);
            async.setTimeout(0); // deadlines belong to the call's Context, as for gRPC
        } else if (!warnedSync) {
            warnedSync = true;
            LOG.warning("A filter or servlet in front of Switchboard is not async-supported: JSON calls answered"
                    + " from another thread will hold a container thread until they finish");
        }
        Attributes attributes = Attributes.newBuilder()
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(req.getRemoteAddr(), req.getRemotePort()))
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new InetSocketAddress(req.getLocalAddr(), req.getLocalPort()))
                .build();
        String authority = req.getServerName() + ":" + req.getServerPort();
        Context.CancellableContext context = Context.ROOT.withCancellation();
        JsonServerCall<ReqT, RespT> call = new JsonServerCall<>(method.getMethodDescriptor(), attributes, authority, codec,
                resp, async, context);
        call.start(method.getServerCallHandler(), headers, (ReqT) request);
        if (async == null) {
            awaitSync(context);
        }
    }

    /** Without async support the response must be written before the container thread returns. */
    private static void awaitSync(Context.CancellableContext context) {
        Object lock = new Object();
        context.addListener(c -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        }, Runnable::run);
        synchronized (lock) {
            while (!context.isCancelled()) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.log(Level.FINE, "interrupted while waiting for a JSON call", e);
                    return;
                }
            }
        }
    }
}
