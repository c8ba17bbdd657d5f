package dev.switchboard.internal.container;

import java.lang.reflect.Method;
import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.Context;
import io.grpc.Status;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/**
 * Notices, on Undertow (WildFly), that an HTTP/2 client reset the stream of a call over plain HTTP, and cancels the
 * call's {@link Context}.
 * <p>
 * Why: Undertow reports a client's RST_STREAM to nothing the servlet API can see. The request body is done (its source
 * channel is gone), no {@code AsyncListener.onError} follows, and the response's stream only fails at the next write
 * (Undertow 2.3: {@code Http2StreamSinkChannel.rstStream()} closes the sink; {@code Http2DataStreamSinkChannel} calls
 * its completion listener on the next user operation). A unary call writes nothing until it ends, so its service would
 * run to the end for a client that is gone. What Undertow does change at once is that the stream's sink channel is
 * closed; this class looks at it every {@link #PERIOD_MILLIS} ms, through Undertow's classes by reflection (the WAR
 * cannot link against them), while the call's response has not started. Elsewhere, and when Undertow's classes are not
 * what this expects, it does nothing.
 * <p>
 * One sweep looks at all watched calls, so the timer thread wakes once a period whatever the load; a timer task per
 * call (scheduled, then cancelled) would wake it for every call (bench/NOTES.md).
 */
final class UndertowResetWatch {

    private static final Logger LOG = Logger.getLogger(UndertowResetWatch.class.getName());
    static final long PERIOD_MILLIS = 250;
    private static final String UNDERTOW_REQUEST = "io.undertow.servlet.spec.HttpServletRequestImpl";

    private final ScheduledExecutorService timer;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    /** The sweep, started with the first call watched (never on other containers). */
    private volatile ScheduledFuture<?> sweep;

    /** {@code timer} runs the sweep; shutting it down ends the watching. */
    UndertowResetWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Watches the request's HTTP/2 stream, if this is Undertow, until the response starts, the context is cancelled,
     * or (when the request has gone asynchronous by now) the async request completes; tells {@code onReset} if the
     * stream is reset before. False when it does not watch (not Undertow, not HTTP/2, or Undertow's classes not as
     * expected).
     */
    boolean watch(ServletRequest servletRequest, Context.CancellableContext context, Consumer<Throwable> onReset) {
        ServletRequest request = servletRequest;
        while (request instanceof ServletRequestWrapper wrapper) {
            request = wrapper.getRequest();
        }
        if (!"HTTP/2.0".equals(request.getProtocol()) || !request.getClass().getName().equals(UNDERTOW_REQUEST)) {
            return false;
        }
        try {
            Object exchange = GET_EXCHANGE.of(request.getClass()).invoke(request);
            Channel sink = sink(exchange);
            if (sink == null) {
                return false;
            }
            Watched watch = new Watched(exchange, IS_RESPONSE_STARTED.of(exchange.getClass()), sink, context, onReset);
            if (servletRequest.isAsyncStarted()) {
                servletRequest.getAsyncContext().addListener(watch);
            }
            watched.add(watch);
            if (sweep == null) {
                startSweep();
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot watch Undertow's HTTP/2 stream for resets", e);
            return false;
        }
    }

    private synchronized void startSweep() {
        if (sweep == null) {
            sweep = timer.scheduleWithFixedDelay(() -> watched.forEach(Watched::check), PERIOD_MILLIS, PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The HTTP/2 stream's sink channel: {@code exchange.getConnection().getSinkChannel()} (protected). */
    private static Channel sink(Object exchange) throws ReflectiveOperationException {
        Object connection = GET_CONNECTION.of(exchange.getClass()).invoke(exchange);
        Method getSinkChannel = GET_SINK_CHANNEL.of(connection.getClass());
        if (getSinkChannel == null) {
            return null;
        }
        return getSinkChannel.invoke(connection) instanceof Channel channel ? channel : null;
    }

    private static final Accessor GET_EXCHANGE = new Accessor("getExchange", false);
    private static final Accessor IS_RESPONSE_STARTED = new Accessor("isResponseStarted", false);
    private static final Accessor GET_CONNECTION = new Accessor("getConnection", false);
    private static final Accessor GET_SINK_CHANNEL = new Accessor("getSinkChannel", true);

    /**
     * A no-argument method of Undertow's, looked up once for the class last asked about (always the same class on one
     * server), not on every call: reflective lookups per call cost WildFly measurable CPU (bench/NOTES.md). Not a
     * {@code ClassValue}: keyed on the container's classes, it would keep this WAR's class loader alive after undeploy.
     */
    private static final class Accessor {
        private record Found(Class<?> type, Method method) {
        }

        private final String name;
        private final boolean nonPublic;
        private volatile Found found;

        Accessor(String name, boolean nonPublic) {
            this.name = name;
            this.nonPublic = nonPublic;
        }

        /** The method; for a non-public one null when there is none (then nothing is watched). */
        Method of(Class<?> type) throws NoSuchMethodException {
            Found last = found;
            if (last != null && last.type == type) {
                return last.method;
            }
            Method method = nonPublic ? declared(type) : type.getMethod(name);
            found = new Found(type, method);
            return method;
        }

        private Method declared(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(name) && m.getParameterCount() == 0) {
                        m.setAccessible(true);
                        return m;
                    }
                }
            }
            return null;
        }
    }

    /** One call's stream. */
    private final class Watched implements AsyncListener {
        private final Object exchange;
        private final Method isResponseStarted;
        private final Channel sink;
        private final Context.CancellableContext context;
        private final Consumer<Throwable> onReset;

        Watched(Object exchange, Method isResponseStarted, Channel sink, Context.CancellableContext context,
                Consumer<Throwable> onReset) {
            this.exchange = exchange;
            this.isResponseStarted = isResponseStarted;
            this.sink = sink;
            this.context = context;
            this.onReset = onReset;
        }

        /** On the sweep: must not throw (that would end the sweep for every call). */
        void check() {
            try {
                if (context.isCancelled() || Boolean.TRUE.equals(isResponseStarted.invoke(exchange))) {
                    // once bytes go out, a reset fails the next write, as everywhere else
                    stop();
                    return;
                }
                if (!sink.isOpen()) {
                    stop();
                    onReset.accept(Status.CANCELLED.withDescription("The client reset the stream").asRuntimeException());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                stop();
                LOG.log(Level.FINE, "cannot watch Undertow's HTTP/2 stream for resets", e);
            }
        }

        private void stop() {
            watched.remove(this);
        }

        @Override
        public void onComplete(AsyncEvent event) {
            stop();
        }

        @Override
        public void onError(AsyncEvent event) {
            stop();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
