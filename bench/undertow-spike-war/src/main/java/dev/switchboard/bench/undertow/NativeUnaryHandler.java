package dev.switchboard.bench.undertow;

import java.nio.ByteBuffer;

import dev.switchboard.bench.plain.UnaryCall;
import io.undertow.io.AsyncReceiverImpl;
import io.undertow.io.AsyncSenderImpl;
import io.undertow.io.IoCallback;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;

/**
 * Variants "initial", "outer", "inner", "inner-inline": the call answered by an Undertow {@link HttpHandler} that a
 * {@link SpikeExtension} wraps around one of the deployment's handler chains. It answers
 * {@code /VARIANT/grpc.testing.BenchmarkService/UnaryCall} (and the same under {@code /secure/}) and passes
 * everything else on: the body read with {@link AsyncReceiverImpl#receiveFullBytes} (non-blocking; the data is
 * usually there already), then the response headers, one body write and the HTTP/2 trailers
 * ({@link HttpAttachments#RESPONSE_TRAILERS}) in one {@link AsyncSenderImpl#send} that ends the exchange.
 *
 * <p>The receiver and sender are made here, not taken from the exchange: after {@code ServletInitialHandler} the
 * exchange is in blocking mode and its own receiver and sender are the servlet streams'. The work runs as a
 * {@code dispatch(SameThreadExecutor)} task — Undertow's idiom for "this handler completes the exchange itself,
 * maybe later": the servlet layer then neither ends the response when the handler returns nor hands it on, and the
 * task runs on the same thread right after.
 */
final class NativeUnaryHandler implements HttpHandler {

    private static final HttpString GRPC_STATUS = new HttpString("grpc-status");

    private final HttpHandler next;
    private final String path;
    private final String securePath;

    NativeUnaryHandler(String variant, HttpHandler next) {
        this.next = next;
        this.path = "/" + variant + UnaryCall.PATH;
        this.securePath = "/secure" + path;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String relative = exchange.getRelativePath();
        if (!relative.equals(path) && !relative.equals(securePath)) {
            next.handleRequest(exchange);
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, NativeUnaryHandler::call);
    }

    private static void call(HttpServerExchange exchange) {
        new AsyncReceiverImpl(exchange).receiveFullBytes(NativeUnaryHandler::answer);
    }

    private static void answer(HttpServerExchange exchange, byte[] body) {
        ByteBuffer answer;
        try {
            answer = UnaryCall.answer(body, body.length);
        } catch (java.io.IOException e) {
            answer = null;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/grpc");
        HeaderMap trailers = new HeaderMap();
        trailers.put(GRPC_STATUS, answer == null ? "13" : "0");
        exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, trailers);
        new AsyncSenderImpl(exchange).send(answer == null ? ByteBuffer.allocate(0) : answer, IoCallback.END_EXCHANGE);
    }
}
