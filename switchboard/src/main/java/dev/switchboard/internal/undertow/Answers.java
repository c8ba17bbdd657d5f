package dev.switchboard.internal.undertow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.undertow.io.AsyncSenderImpl;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Answers on Undertow's {@link HttpServerExchange}: a unary one as response headers, {@link
 * HttpAttachments#RESPONSE_TRAILERS} and one send that ends the exchange; and what a {@link StreamedAnswer} shares
 * with it.
 */
final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class.getName());

    private Answers() {
    }

    /**
     * Status 200, {@code headers}, {@code length} bytes (none: a trailers-only answer when {@code trailers} is null) and
     * {@code trailers}; {@code done} once, with null or the failure, after which {@code closeStream} has reset the stream.
     */
    static void sendUnary(HttpServerExchange exchange, List<String> headers, byte[] bytes, int length, List<String> trailers,
            Consumer<Throwable> done, Runnable closeStream) {
        try {
            exchange.setStatusCode(200);
            put(exchange.getResponseHeaders(), headers);
            if (trailers != null) {
                HeaderMap map = new HeaderMap();
                put(map, trailers);
                exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, map);
            }
            // no body (length 0, bytes may be null): the trailers-only answer, one HEADERS frame that ends the stream
            ByteBuffer body = length == 0 ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes, 0, length);
            new AsyncSenderImpl(exchange).send(body, new Sent(done, closeStream));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Answering a gRPC call on Undertow's native transport failed; the stream is reset", e);
            closeStream.run();
            complete(done, e);
        }
    }

    /** Adds name-value pairs (name, value, name, value, …) to {@code map}. */
    static void put(HeaderMap map, List<String> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String name = pairs.get(i);
            HttpString known = HttpString.tryFromString(name);
            map.add(known != null ? known : new HttpString(name), pairs.get(i + 1));
        }
    }

    /** Tells Switchboard a write's outcome; what it throws is logged, never thrown into Undertow. */
    static void complete(Consumer<Throwable> done, Throwable failure) {
        try {
            done.accept(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Switchboard failed after a gRPC call's answer", e);
        }
    }

    /** The send's outcome: then the sender closes the response (last frame, trailers), then the exchange ends. */
    private static final class Sent implements IoCallback {
        private final Consumer<Throwable> done;
        private final Runnable closeStream;

        Sent(Consumer<Throwable> done, Runnable closeStream) {
            this.done = done;
            this.closeStream = closeStream;
        }

        @Override
        public void onComplete(HttpServerExchange ex, Sender sender) {
            sender.close(new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    try {
                        ex.endExchange();
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Ending an answered exchange", e);
                    }
                    complete(done, null);
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    Sent.this.onException(ex, sender, e);
                }
            });
        }

        @Override
        public void onException(HttpServerExchange ex, Sender sender, IOException e) {
            LOG.log(Level.FINE, "The answer to a gRPC call could not be sent", e);
            closeStream.run();
            complete(done, e);
        }
    }
}
