package dev.switchboard.internal.undertow;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;

/**
 * Learns that a client reset the HTTP/2 stream of a call on the native transport, or that its connection closed,
 * while the call has not been answered.
 *
 * <p>Why polling: Undertow 2.3 tells a handler of a client's RST_STREAM only while it reads the request (the read
 * fails); once the body is read, it closes the stream's sink channel and tells nothing until the next write. A unary
 * call writes nothing until it ends, so its service would run to the end for a client that is gone. The sink channel
 * — {@code ServerConnection.getSinkChannel()}, protected, hence reflection, looked up once — is looked at every
 * {@link #PERIOD_MILLIS} ms by one sweep over all watched calls, which runs only while some are watched: one timer
 * wake-up a period whatever the load, none when idle (a timer task per call would wake the timer for every call).
 * Where the method is not there, nothing is watched (resets are then heard at the answer's write, as before).
 */
final class StreamResets {

    private static final Logger LOG = Logger.getLogger(StreamResets.class.getName());
    static final long PERIOD_MILLIS = 250;
    private static final Method SINK_CHANNEL = sinkChannelMethod();

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> sweep;

    StreamResets() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-undertow-resets");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
        // the thread ends when no call is watched for a while: nothing to stop at undeploy
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Watches the exchange's stream until {@link Watch#stop()}; null where it cannot be watched. */
    Watch watch(HttpServerExchange exchange, Consumer<Throwable> onFailure) {
        if (SINK_CHANNEL == null) {
            return null;
        }
        ServerConnection connection = exchange.getConnection();
        Channel sink;
        try {
            sink = SINK_CHANNEL.invoke(connection) instanceof Channel channel ? channel : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot watch Undertow's stream for resets", e);
            return null;
        }
        if (sink == null) {
            return null;
        }
        Watch watch = new Watch(connection, sink, onFailure);
        watched.add(watch);
        startSweep();
        return watch;
    }

    private synchronized void startSweep() {
        if (sweep == null) {
            sweep = timer.scheduleWithFixedDelay(this::sweep, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** On the timer; must not throw (that would end the sweep). Stops itself when nothing is watched. */
    private void sweep() {
        for (Watch watch : watched) {
            watch.check();
        }
        if (watched.isEmpty()) {
            synchronized (this) {
                // a watch added meanwhile waits on this lock in startSweep and schedules a new sweep
                if (watched.isEmpty() && sweep != null) {
                    sweep.cancel(false);
                    sweep = null;
                }
            }
        }
    }

    private static Method sinkChannelMethod() {
        try {
            Method method = ServerConnection.class.getDeclaredMethod("getSinkChannel");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger(StreamResets.class.getName()).log(Level.FINE,
                    "Undertow's ServerConnection.getSinkChannel() is not there: client resets are heard at the answer", e);
            return null;
        }
    }

    /** One call's stream. */
    final class Watch {
        private final ServerConnection connection;
        private final Channel sink;
        private final Consumer<Throwable> onFailure;

        Watch(ServerConnection connection, Channel sink, Consumer<Throwable> onFailure) {
            this.connection = connection;
            this.sink = sink;
            this.onFailure = onFailure;
        }

        /** The call is answered or reset by the server: no longer watched. */
        void stop() {
            watched.remove(this);
        }

        private void check() {
            try {
                if (sink.isOpen() && connection.isOpen()) {
                    return;
                }
                if (watched.remove(this)) {
                    onFailure.accept(new IOException("The client reset the stream, or its connection closed"));
                }
            } catch (RuntimeException e) {
                stop();
                LOG.log(Level.WARNING, "Switchboard failed on a reset stream", e);
            }
        }
    }
}
