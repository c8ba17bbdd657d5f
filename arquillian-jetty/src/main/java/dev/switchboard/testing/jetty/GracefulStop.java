package dev.switchboard.testing.jetty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http2.SessionContainer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Stops {@link EmbeddedJetty}'s server gracefully and, if that times out, says what held it. Jetty's own graceful stop
 * ({@code Server.stop} with a stop timeout) only throws a bare {@code TimeoutException}; this runs the same graceful
 * phase itself ({@link Graceful#shutdown}: connectors stop accepting, HTTP/2 sessions send GOAWAY and wait for the
 * client's, requests finish), then lets {@code Server.stop} close what is left at once.
 * <p>
 * A timed-out stop names the requests open when it began, and the HTTP/2 sessions open when it began and when it timed
 * out, as Jetty describes them: a session's {@code goAwaySent}/{@code goAwayRecv} then say whether the server's GOAWAY
 * left and whether the client answered it (a client that never closes holds a graceful stop for its whole timeout).
 */
final class GracefulStop {

    private final Server server;
    private final InFlightRequests inFlight;

    GracefulStop(Server server, InFlightRequests inFlight) {
        this.server = server;
        this.inFlight = inFlight;
    }

    void stop(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> open = inFlight.describe();
        List<String> sessionsBefore = sessions();
        Exception graceful = null;
        try {
            Graceful.shutdown(server).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            graceful = e;
            addOpen(e, "Requests open when the stop began", open);
            addOpen(e, "HTTP/2 sessions open when the stop began", sessionsBefore);
            addOpen(e, "HTTP/2 sessions open when the stop timed out", sessions());
        }
        // The graceful phase is over (done or timed out): the server's own stop closes what is left without waiting.
        // As Server.stop would: the pool's threads get what is left of the timeout, at least a second, to end.
        server.setStopTimeout(0);
        QueuedThreadPool pool = server.getBean(QueuedThreadPool.class);
        if (pool != null) {
            pool.setStopTimeout(Math.max(1000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        }
        try {
            server.stop();
        } catch (Exception e) {
            if (graceful != null) {
                e.addSuppressed(graceful);
            }
            throw e;
        }
        if (graceful != null) {
            throw graceful;
        }
    }

    private List<String> sessions() {
        return server.getContainedBeans(SessionContainer.class).stream()
                .flatMap(container -> container.getSessions().stream()).map(String::valueOf).sorted().toList();
    }

    /** Names on a failed stop's exception what was open, one line each, if anything was. */
    private static void addOpen(Exception stop, String what, List<String> open) {
        if (!open.isEmpty()) {
            stop.addSuppressed(new IllegalStateException(what + " (" + open.size() + "):\n  " + String.join("\n  ", open)));
        }
    }
}
