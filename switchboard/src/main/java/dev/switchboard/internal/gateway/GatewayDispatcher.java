package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.MessageCodec;
import dev.switchboard.internal.gateway.codec.MessageReader;
import dev.switchboard.internal.gateway.codec.ProtoCodec;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Message;

import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves one request over plain HTTP: checks the HTTP method, negotiates the formats (JSON, Connect's binary and
 * streaming forms, NDJSON, server-sent events), reads the request, and runs the call through the method's
 * {@code ServerCallHandler} — the interceptors and service code a gRPC request reaches — as a {@link GatewayCall}.
 *
 * <p>This class decides the order: refusals first (each after the body has been read, see {@link #refuse}), then what
 * the request carries ({@link Exchange}, with the formats of {@link ContentNegotiation}), then — once a body that is
 * read whole has arrived ({@link BodyReader}) — the call, which {@link CallStarter} starts.
 */
public final class GatewayDispatcher {

    private static final Logger LOG = Logger.getLogger(GatewayDispatcher.class.getName());

    /** What "all methods" means: the methods that can carry a request message. */
    static final Set<String> ALL_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final JsonCodec json;
    private final GatewaySettings settings;
    private final Executor callbacks;
    private final ScheduledExecutorService timer;
    private final ContentNegotiation negotiation;
    private final CallStarter starter;
    private final RuleRequests rules;

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
        this.callbacks = settings.directExecutor() ? MoreExecutors.directExecutor() : callbacks;
        this.timer = timer;
        this.negotiation = new ContentNegotiation(json, settings);
        this.starter = new CallStarter(settings, this.callbacks, inline == null ? this.callbacks : inline, timer);
        this.rules = new RuleRequests(json, settings.json(), negotiation);
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
            GatewayErrors.jsonBodyUnread(req, resp, 500, Status.INTERNAL.withDescription("The server is misconfigured (see its log)"));
            return;
        }
        if (match.rule() != null) {
            serveRule(req, resp, match, inDispatch);
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
     * unread when the response completes, and when that body has not arrived yet the response has gone out without
     * "Connection: close", so a client reusing the connection would fail its next request ("no bytes"). Bodies over
     * the size limit are left unread, and the connection closes.
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
            starter.start(route, req, resp, negotiation.fromQuery(req, route, streamsResponses), inDispatch, null);
            return;
        }
        String media = ContentNegotiation.mediaType(req.getContentType());
        boolean gzip = ContentNegotiation.gzipped(req);
        if (media != null && (media.startsWith(ResponseWire.CONNECT_STREAM) || media.equals(ResponseWire.NDJSON))) {
            boolean connect = media.startsWith(ResponseWire.CONNECT_STREAM);
            MessageCodec codec = connect ? negotiation.codec(media.substring(ResponseWire.CONNECT_STREAM.length()), req.getContentType()) : json;
            MessageReader splitter = connect ? MessageReader.envelopes(settings.maxRequestBytes()) : MessageReader.ndjson(settings.maxRequestBytes());
            ResponseWire wire = connect ? ResponseWire.connectStream(codec, json)
                    : streamsResponses ? negotiation.streamWire(req) : ResponseWire.unary(json, json);
            if (!gzip) {
                starter.start(route, req, resp, new Exchange(null, splitter, codec, wire, null), inDispatch, null);
            } else {
                // A compressed stream is read whole first: decompressing it as it arrives would need GZIPInputStream's blocking reads.
                afterBody(req, resp, route, inDispatch, (bytes, length) -> new Exchange(null, splitter, codec, wire, negotiation.gunzip(bytes, length)));
            }
            return;
        }
        // Without a Content-Type only an empty body is understood: the empty message.
        MessageCodec codec = media == null ? null
                : media.equals("application/proto") ? ProtoCodec.INSTANCE : ContentNegotiation.isJson(req.getContentType()) ? json : null;
        if (media != null && codec == null) {
            throw ContentNegotiation.unsupported(req.getContentType());
        }
        ResponseWire wire = streamsResponses ? negotiation.streamWire(req) : ResponseWire.unary(codec == null ? json : codec, json);
        afterBody(req, resp, route, inDispatch, (bytes, length) -> {
            Message request;
            if (codec == null) {
                if (length > 0) {
                    throw ContentNegotiation.unsupported(null);
                }
                request = route.requestPrototype().getDefaultInstanceForType();
            } else {
                request = negotiation.parse(codec, gzip ? negotiation.gunzip(bytes, length) : ContentNegotiation.exactly(bytes, length),
                        route.requestPrototype());
            }
            return new Exchange(request, null, codec == null ? json : codec, wire, null);
        });
    }

    /**
     * A request to a {@code google.api.http} rule's path ({@link HttpRules}): its refusals (404 naming the path, 405
     * with the path's methods, 400 for variables that do not decode), else the call, once the body has been read
     * ({@link RuleRequests}). A body is JSON, absent, or (for a {@code google.api.HttpBody}) anything.
     */
    private void serveRule(HttpServletRequest req, HttpServletResponse resp, Routes.Match match, boolean inDispatch)
            throws IOException {
        HttpRules.RuleMatch rule = match.rule();
        if (rule.error() != null) {
            refuse(req, resp, new HttpError(400, Status.INVALID_ARGUMENT.withDescription(rule.error())));
            return;
        }
        if (rule.bound() == null) {
            if (rule.allowed().isEmpty()) {
                refuse(req, resp, new HttpError(404, Status.NOT_FOUND.withDescription("No HTTP rule matches " + req.getRequestURI())));
            } else {
                resp.setHeader("Allow", String.join(", ", rule.allowed()));
                refuse(req, resp, new HttpError(405, Status.UNIMPLEMENTED.withDescription("HTTP method " + req.getMethod()
                        + " is not allowed at " + req.getRequestURI() + "; use " + String.join(" or ", rule.allowed()))));
            }
            return;
        }
        Routes.Route route = match.route();
        MethodType type = route.method().getMethodDescriptor().getType();
        try {
            if (type == MethodType.CLIENT_STREAMING || type == MethodType.BIDI_STREAMING) {
                streamRule(req, resp, match, inDispatch);
                return;
            }
            String media = ContentNegotiation.mediaType(req.getContentType());
            if (media != null && req.getContentLengthLong() != 0 && !rule.bound().rawBody() && !ContentNegotiation.isJson(req.getContentType())) {
                throw ContentNegotiation.unsupported(req.getContentType());
            }
            boolean gzip = ContentNegotiation.gzipped(req);
            ResponseWire wire = type == MethodType.SERVER_STREAMING ? rules.streamWire(req.getHeader("Accept"), rule.bound())
                    : rules.unaryWire(rule.bound());
            if (!BODY_METHODS.contains(req.getMethod()) && req.getContentLengthLong() <= 0 && req.getHeader("Transfer-Encoding") == null) {
                // A GET or DELETE that declares no body: nothing to read, as on the gateway's own GET routes, so the call
                // starts in the dispatch. Waiting for the end of a body that never comes sent every such call to the
                // pool and an async completion: +15 us of CPU per call against the same call over Connect (bench/NOTES).
                Message request = rules.request(rule, req.getParameterMap(), req.getContentType(), new byte[0], 0);
                starter.start(route, req, resp, new Exchange(request, null, json, wire, null), inDispatch, null);
                return;
            }
            afterBody(req, resp, route, inDispatch, (bytes, length) -> {
                byte[] body = gzip ? negotiation.gunzip(bytes, length) : bytes;
                Message request = rules.request(rule, req.getParameterMap(), req.getContentType(), body, gzip ? body.length : length);
                return new Exchange(request, null, json, wire, null);
            });
        } catch (HttpError e) {
            refuse(req, resp, e);
        }
    }

    /**
     * A rule of a method that streams requests: one NDJSON line per message, each mapped as the rule maps a unary
     * request's body (with the path's variables and the query's fields in every message: {@link RuleRequests#lineCodec}).
     */
    private void streamRule(HttpServletRequest req, HttpServletResponse resp, Routes.Match match, boolean inDispatch)
            throws IOException, HttpError {
        Routes.Route route = match.route();
        HttpRules.Bound bound = match.rule().bound();
        MethodType type = route.method().getMethodDescriptor().getType();
        if (type == MethodType.BIDI_STREAMING && !"HTTP/2.0".equals(req.getProtocol())) {
            throw new HttpError(501, Status.UNIMPLEMENTED.withDescription(route.method().getMethodDescriptor().getFullMethodName()
                    + " streams both ways, which needs HTTP/2; use HTTP/2 (h2c or TLS) or gRPC"));
        }
        if (!ResponseWire.NDJSON.equals(ContentNegotiation.mediaType(req.getContentType()))) {
            throw new HttpError(415, Status.INVALID_ARGUMENT.withDescription(route.method().getMethodDescriptor().getFullMethodName()
                    + " streams requests: send them as " + ResponseWire.NDJSON + ", one message per line"));
        }
        MessageCodec codec = rules.lineCodec(match.rule(), req.getParameterMap());
        MessageReader lines = MessageReader.ndjson(settings.maxRequestBytes());
        ResponseWire wire = type == MethodType.BIDI_STREAMING ? rules.streamWire(req.getHeader("Accept"), bound) : rules.unaryWire(bound);
        if (!ContentNegotiation.gzipped(req)) {
            starter.start(route, req, resp, new Exchange(null, lines, codec, wire, null), inDispatch, null);
        } else {
            afterBody(req, resp, route, inDispatch, (bytes, length) -> new Exchange(null, lines, codec, wire, negotiation.gunzip(bytes, length)));
        }
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
                    starter.start(route, req, resp, exchangeOf.of(bytes, length), inDispatch && cycle == null, cycle);
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
}
