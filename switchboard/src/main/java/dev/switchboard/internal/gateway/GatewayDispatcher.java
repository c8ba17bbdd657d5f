package dev.switchboard.internal.gateway;

import dev.switchboard.internal.chain.CallMetrics;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.chain.CallerIdentity;
import dev.switchboard.internal.container.ServletContainer;
import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.LimitedInputStream;
import dev.switchboard.internal.gateway.codec.MessageCodec;
import dev.switchboard.internal.gateway.codec.MessageReader;
import dev.switchboard.internal.gateway.codec.ProtoCodec;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

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
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves one request over plain HTTP: checks the HTTP method, negotiates the formats (JSON, Connect's binary and
 * streaming forms, NDJSON, server-sent events), reads the request, and runs the call through the method's
 * {@code ServerCallHandler} — the interceptors and service code a gRPC request reaches — as a {@link GatewayCall}.
 *
 * <p>Over ~400 lines: content negotiation and body reading are its seams; issue #18 splits them out with the gateway
 * package (internal.gateway), not before, so that the move happens once.
 */
public final class GatewayDispatcher {

    private static final Logger LOG = Logger.getLogger(GatewayDispatcher.class.getName());

    /** What "all methods" means: the methods that can carry a request message. */
    static final Set<String> ALL_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final JsonCodec json;
    private final GatewaySettings settings;
    private final Executor callbacks;
    /** Where service code of calls over HTTP/1.x runs: see the constructor. */
    private final Executor inlineCallbacks;
    private final ScheduledExecutorService timer;
    private final ServletContainer container;

    /**
     * @param inline the gRPC calls' inline-first executor, or null: unary calls use it too, since their service code
     *               does not need to leave the container's thread — over HTTP/1.x always (a client that closes its
     *               connection is only noticed at a write anyway), over HTTP/2 where the container reports a
     *               client's reset at once or Switchboard polls for it (the servlet API only reports it
     *               after the dispatch running the service code has returned; elsewhere those calls stay on
     *               {@code callbacks}); and only for requests whose dispatch may run service code (see {@link #handle})
     */
    public GatewayDispatcher(GatewaySettings settings, Executor callbacks, Executor inline, ScheduledExecutorService timer) {
        this.settings = settings;
        this.json = new JsonCodec(settings.json());
        // With the direct executor, service code of calls over HTTP runs on the container's thread too.
        this.callbacks = settings.directExecutor() ? com.google.common.util.concurrent.MoreExecutors.directExecutor() : callbacks;
        this.inlineCallbacks = inline == null ? this.callbacks : inline;
        this.timer = timer;
        this.container = settings.container();
    }

    /**
     * {@code inDispatch}: whether the call's service code may run within the container's dispatch — not where the
     * container's own CDI request context is active in the dispatch (see SwitchboardRuntime), beside which the
     * call's own cannot be activated.
     */
    public void handle(HttpServletRequest req, HttpServletResponse resp, Routes.Match match, boolean inDispatch) throws IOException {
        String httpMethod = req.getMethod().toUpperCase(Locale.ROOT);
        if (!req.isAsyncSupported()) {
            LOG.severe("A filter or servlet in front of Switchboard is not async-supported, so calls over HTTP cannot be"
                    + " served; mark every filter mapped to this path <async-supported>true</async-supported>");
            GatewayErrors.json(resp, 500, Status.INTERNAL.withDescription("The server is misconfigured (see its log)"));
            return;
        }
        if (!ALL_METHODS.contains(httpMethod) || !match.gateway().allowsHttpMethod(httpMethod)) {
            Set<String> allowed = new TreeSet<>(match.gateway().httpMethods().isEmpty() ? ALL_METHODS : match.gateway().httpMethods());
            resp.setHeader("Allow", String.join(", ", allowed));
            refuse(req, resp, new HttpError(405, Status.UNIMPLEMENTED.withDescription(
                    "HTTP method " + httpMethod + " is not allowed here; use " + String.join(" or ", allowed))));
            return;
        }
        Routes.Route route = match.route();
        if (route == null) {
            refuse(req, resp, new HttpError(404, Status.NOT_FOUND.withDescription("No gRPC method at " + req.getRequestURI())));
            return;
        }
        try {
            negotiate(req, resp, httpMethod, route, inDispatch);
        } catch (HttpError e) {
            refuse(req, resp, e);
        }
    }

    /**
     * Answers an error before the request's body was read. The body is read first (without a thread, and discarded)
     * so that an HTTP/1.1 connection stays usable: the container closes a connection whose request body it finds
     * unread when the response completes, and when that body had not arrived yet the response was already sent
     * without "Connection: close", so a client reusing the connection fails its next request ("no bytes"). Bodies
     * over the size limit are left unread, and the connection closes.
     */
    private void refuse(HttpServletRequest req, HttpServletResponse resp, HttpError e) throws IOException {
        if (e.httpStatus == 413 || req.getContentLengthLong() == 0) {
            answer(req, resp, e.httpStatus, e.status, null);
            return;
        }
        BodyReader.discard(req, resp, settings.maxRequestBytes(), settings.requestBody(), callbacks, timer, new BodyReader.Sink() {
            @Override
            public void body(byte[] bytes, int length, AsyncCycle cycle) throws IOException {
                answer(req, resp, e.httpStatus, e.status, cycle);
            }

            @Override
            public void failed(int httpStatus, Status status, AsyncCycle cycle) throws IOException {
                answer(req, resp, httpStatus == 0 ? 0 : e.httpStatus, e.status, cycle);
            }
        });
    }

    /**
     * The JSON error (none for {@code httpStatus} 0: the client is gone), then the end of the exchange. Over HTTP/1.x
     * a body left unread closes the connection: Jetty closes it by itself; Undertow (WildFly) would keep it open and
     * wait for the body, so the client would never see the end of the answer.
     */
    private static void answer(HttpServletRequest req, HttpServletResponse resp, int httpStatus, Status status, AsyncCycle cycle)
            throws IOException {
        try {
            if (httpStatus != 0) {
                if ((httpStatus == 413 || httpStatus == 408) && req.getProtocol().startsWith("HTTP/1")) {
                    resp.setHeader("Connection", "close");
                }
                GatewayErrors.json(resp, httpStatus, status);
            }
        } finally {
            if (cycle != null) {
                cycle.complete();
            }
        }
    }

    /**
     * What the request carries and how the response goes back: one message, or a stream split by {@code stream}
     * from the body as it arrives — or from {@code whole}, when the body had to be read first (gzip).
     */
    private record Exchange(Message single, MessageReader stream, MessageCodec codec, ResponseWire wire, byte[] whole) {
    }

    /** Works out what the request carries and how the answer goes back, then (once a body has arrived) starts the call. */
    private void negotiate(HttpServletRequest req, HttpServletResponse resp, String httpMethod, Routes.Route route,
            boolean inDispatch) throws IOException, HttpError {
        MethodType type = route.method().getMethodDescriptor().getType();
        boolean streamsResponses = type == MethodType.SERVER_STREAMING || type == MethodType.BIDI_STREAMING;
        boolean streamsRequests = type == MethodType.CLIENT_STREAMING || type == MethodType.BIDI_STREAMING;
        if (type == MethodType.BIDI_STREAMING && !"HTTP/2.0".equals(req.getProtocol())) {
            throw new HttpError(501, Status.UNIMPLEMENTED.withDescription(route.method().getMethodDescriptor().getFullMethodName()
                    + " streams both ways, which needs HTTP/2 (an HTTP/1.1 client sends its whole request before it reads"
                    + " the response); use HTTP/2 (h2c or TLS) or gRPC"));
        }
        if (!BODY_METHODS.contains(httpMethod)) {
            if (streamsRequests) {
                throw new HttpError(405, Status.UNIMPLEMENTED.withDescription(
                        "This method streams requests: POST them as NDJSON or Connect envelopes"));
            }
            start(route.method(), req, resp, fromQuery(req, route, streamsResponses), inDispatch, null);
            return;
        }
        String media = mediaType(req.getContentType());
        boolean gzip = gzipped(req);
        if (media != null && (media.startsWith(ResponseWire.CONNECT_STREAM) || media.equals(ResponseWire.NDJSON))) {
            boolean connect = media.startsWith(ResponseWire.CONNECT_STREAM);
            MessageCodec codec = connect ? codec(media.substring(ResponseWire.CONNECT_STREAM.length()), req.getContentType()) : json;
            MessageReader splitter = connect ? MessageReader.envelopes(settings.maxRequestBytes()) : MessageReader.ndjson(settings.maxRequestBytes());
            ResponseWire wire = connect ? ResponseWire.connectStream(codec, json)
                    : streamsResponses ? streamWire(req) : ResponseWire.unary(json, json);
            if (!gzip) {
                start(route.method(), req, resp, new Exchange(null, splitter, codec, wire, null), inDispatch, null);
            } else {
                // A compressed stream is read whole first: decompressing it as it arrives would need GZIPInputStream's blocking reads.
                afterBody(req, resp, route, inDispatch, (bytes, length) -> new Exchange(null, splitter, codec, wire, gunzip(bytes, length)));
            }
            return;
        }
        // Without a Content-Type only an empty body is understood: the empty message.
        MessageCodec codec = media == null ? null
                : media.equals("application/proto") ? ProtoCodec.INSTANCE : isJson(req.getContentType()) ? json : null;
        if (media != null && codec == null) {
            throw unsupported(req.getContentType());
        }
        ResponseWire wire = streamsResponses ? streamWire(req) : ResponseWire.unary(codec == null ? json : codec, json);
        afterBody(req, resp, route, inDispatch, (bytes, length) -> {
            Message request;
            if (codec == null) {
                if (length > 0) {
                    throw unsupported(null);
                }
                request = route.requestPrototype().getDefaultInstanceForType();
            } else {
                request = parse(codec, gzip ? gunzip(bytes, length) : exactly(bytes, length), route.requestPrototype());
            }
            return new Exchange(request, null, codec == null ? json : codec, wire, null);
        });
    }

    /** What a request whose body has been read carries. */
    private interface ExchangeOf {
        Exchange of(byte[] bytes, int length) throws HttpError;
    }

    /** Reads the whole body without blocking ({@link BodyReader}), then starts the call with what it carries. */
    private void afterBody(HttpServletRequest req, HttpServletResponse resp, Routes.Route route, boolean inDispatch,
            ExchangeOf exchangeOf) throws IOException {
        BodyReader.read(req, resp, settings.maxRequestBytes(), settings.requestBody(), callbacks, timer, new BodyReader.Sink() {
            @Override
            public void body(byte[] bytes, int length, AsyncCycle cycle) throws IOException {
                try {
                    start(route.method(), req, resp, exchangeOf.of(bytes, length), inDispatch && cycle == null, cycle);
                } catch (HttpError e) {
                    answer(req, resp, e.httpStatus, e.status, cycle);
                }
            }

            @Override
            public void failed(int httpStatus, Status status, AsyncCycle cycle) throws IOException {
                answer(req, resp, httpStatus, status, cycle);
            }
        });
    }

    private static byte[] exactly(byte[] bytes, int length) {
        return bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length);
    }

    private byte[] gunzip(byte[] bytes, int length) throws HttpError {
        try (InputStream in = new LimitedInputStream(new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, 0, length)),
                settings.maxRequestBytes())) {
            return in.readAllBytes();
        } catch (LimitedInputStream.LimitExceededException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("The request body is not valid gzip: " + e.getMessage()));
        }
    }

    /** Whether the body is gzip; identity or none: false; anything else: 415. */
    private static boolean gzipped(HttpServletRequest req) throws HttpError {
        String encoding = req.getHeader("Content-Encoding");
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return true;
        }
        throw new HttpError(415, Status.UNIMPLEMENTED.withDescription("Content-Encoding " + encoding + " is not supported; use gzip or identity"));
    }

    private Exchange fromQuery(HttpServletRequest req, Routes.Route route, boolean streamsResponses) throws HttpError {
        Map<String, String[]> params = req.getParameterMap();
        Message prototype = route.requestPrototype();
        try {
            if (QueryParameters.isConnectForm(params)) {
                MessageCodec codec = codec(QueryParameters.single(params, "encoding"), "encoding=" + QueryParameters.single(params, "encoding"));
                Message request = parse(codec, QueryParameters.connectMessage(params), prototype);
                return new Exchange(request, null, codec, streamsResponses ? streamWire(req) : ResponseWire.unary(codec, json), null);
            }
            String body = QueryParameters.toJson(params, prototype.getDescriptorForType(), settings.json().maxQueryParameters(),
                    settings.json().ignoreUnknownFields()).toString();
            Message request = parse(json, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), prototype);
            return new Exchange(request, null, json, streamsResponses ? streamWire(req) : ResponseWire.unary(json, json), null);
        } catch (QueryParameters.TooManyParametersException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        } catch (InvalidProtocolBufferException e) {
            throw invalid(prototype, e);
        }
    }

    /** A streamed response: server-sent events when the client accepts them (EventSource does), else NDJSON. */
    private ResponseWire streamWire(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(ResponseWire.EVENT_STREAM)) {
            return ResponseWire.serverSentEvents(json);
        }
        return ResponseWire.ndjson(json);
    }

    private MessageCodec codec(String name, String what) throws HttpError {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "json" -> json;
            case "proto" -> ProtoCodec.INSTANCE;
            default -> throw unsupported(what);
        };
    }

    private Message parse(MessageCodec codec, byte[] bytes, Message prototype) throws HttpError {
        try {
            return codec.parse(bytes, prototype);
        } catch (CharacterCodingException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("The request is not valid UTF-8"));
        } catch (InvalidProtocolBufferException e) {
            throw invalid(prototype, e);
        } catch (IOException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("Unreadable request: " + e.getMessage()));
        }
    }

    private static HttpError invalid(Message prototype, InvalidProtocolBufferException e) {
        return new HttpError(400, Status.INVALID_ARGUMENT.withDescription("Invalid " + prototype.getDescriptorForType().getFullName()
                + ": " + e.getMessage()));
    }


    private HttpError tooLarge() {
        return new HttpError(413, Status.RESOURCE_EXHAUSTED.withDescription(
                "The request is larger than " + settings.maxRequestBytes() + " bytes"));
    }

    private static HttpError unsupported(String contentType) {
        return new HttpError(415, Status.INVALID_ARGUMENT.withDescription("Content-Type must be application/json (charset utf-8),"
                + " application/proto, application/x-ndjson or application/connect+json|proto"
                + (contentType == null ? "" : ", not " + contentType)));
    }

    static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(GatewayErrors.JSON) && !(media.startsWith("application/") && media.endsWith("+json"))) {
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
    private <ReqT, RespT> void start(ServerMethodDefinition<ReqT, RespT> method, HttpServletRequest req,
            HttpServletResponse resp, Exchange exchange, boolean inDispatch, AsyncCycle begun) throws IOException, HttpError {
        Metadata headers;
        Long timeout;
        try {
            headers = HttpMetadata.fromRequest(req);
            timeout = Timeouts.nanos(req);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        }
        Context.CancellableContext context = timeout == null ? Context.ROOT.withCancellation()
                : Context.ROOT.withDeadlineAfter(timeout, TimeUnit.NANOSECONDS, timer);
        // Deadlines belong to the call's Context, as for gRPC: the cycle has no timeout of the container's.
        AsyncCycle cycle = begun != null ? begun : AsyncCycle.begin(req, resp);
        cycle.listen(new ClientGone(context));
        AsyncContext async = cycle.context();
        // Where the servlet API never hears of a reset, every call is watched; elsewhere only those that need it.
        boolean watched = container.resetsInvisibleToServletApi() && container.watchReset(req, context, new ClientGone(context)::cancel);
        Attributes.Builder attributeBuilder = Attributes.newBuilder();
        CallerIdentity caller = CallerIdentity.of(req);
        if (caller != null) {
            attributeBuilder.set(CallerHandoff.ATTRIBUTE, caller);
        }
        Attributes attributes = attributeBuilder
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(req.getRemoteAddr(), req.getRemotePort()))
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new InetSocketAddress(req.getLocalAddr(), req.getLocalPort()))
                .set(CallMetrics.PROTOCOL, "http")
                .build();
        boolean inline = inDispatch && method.getMethodDescriptor().getType() == MethodType.UNARY && inlineCallbacks != callbacks
                && (req.getProtocol().startsWith("HTTP/1") || watched || container.watchReset(req, context, new ClientGone(context)::cancel));
        if (begun != null && !watched) {
            // Started after the dispatch, from a read callback: Jetty tells a reset of a request whose body has been
            // read to its failure listeners, not to the AsyncListener.
            container.watchReset(req, context, new ClientGone(context)::cancel);
        }
        GatewayCall<ReqT, RespT> call = new GatewayCall<>(method.getMethodDescriptor(), attributes,
                req.getServerName() + ":" + req.getServerPort(), exchange.wire(), resp, async, context,
                inline ? inlineCallbacks : callbacks);
        if (exchange.single() != null) {
            call.startWith(method.getServerCallHandler(), headers, (ReqT) exchange.single());
            return;
        }
        call.start(method.getServerCallHandler(), headers);
        Message prototype = (Message) ((io.grpc.MethodDescriptor.PrototypeMarshaller<?>) method.getMethodDescriptor()
                .getRequestMarshaller()).getMessagePrototype();
        readStream(call, exchange, prototype, req);
    }

    /** Reads a streamed request body without blocking, one message per request(n) of the service. */
    private <ReqT> void readStream(GatewayCall<ReqT, ?> call, Exchange exchange, Message prototype, HttpServletRequest req)
            throws IOException {
        StreamedBodyReader<ReqT> reader = new StreamedBodyReader<>(req.getInputStream(), call, exchange.stream(), exchange.codec(),
                prototype, settings.maxRequestBytes(), settings.requestBody(), timer, callbacks);
        if (exchange.whole() != null) {
            reader.feedWhole(exchange.whole());
        } else {
            reader.start();
        }
    }

    /** A client that disconnects cancels the call's Context, so the service sees it. */
    private record ClientGone(Context.CancellableContext context) implements AsyncListener {
        @Override
        public void onError(AsyncEvent event) {
            cancel(event.getThrowable());
        }

        void cancel(Throwable failure) {
            context.cancel(Status.CANCELLED.withDescription("The client went away").withCause(failure).asRuntimeException());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            context.cancel(Status.CANCELLED.withDescription("The request timed out").asRuntimeException());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** An error answered before any call starts. */
    static final class HttpError extends Exception {
        private static final long serialVersionUID = 1L;
        final int httpStatus;
        final transient Status status;

        HttpError(int httpStatus, Status status) {
            super(status.getDescription(), null, false, false);
            this.httpStatus = httpStatus;
            this.status = status;
        }
    }
}
