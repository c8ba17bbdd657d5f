package dev.switchboard.internal.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The log of failures a client caused (a decompression bomb, a malformed message or header): one WARN line per kind
 * and minute, never a stack trace — a client that repeats them must not fill the server's disk — with the count of
 * those left out since the last line. Each at FINE too, for whoever is looking for a particular one.
 */
public final class ClientFaults {

    private static final Logger LOG = Logger.getLogger(ClientFaults.class.getName());
    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final ClientFaults INSTANCE = new ClientFaults(System::nanoTime);

    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ClientFaults(LongSupplier clock) {
        this.clock = clock;
    }

    /** Reports one failure of {@code kind} (a short phrase, also the rate limit's key); {@code detail} names this one. */
    public static void report(String kind, String detail) {
        INSTANCE.log(kind, detail);
    }

    void log(String kind, String detail) {
        LOG.fine(() -> kind + ": " + detail);
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        long suppressed = window.admit(clock.getAsLong());
        if (suppressed >= 0) {
            // Built here, not as a format: details quote what clients sent, braces and quotes included.
            LOG.warning(kind + ": " + detail + (suppressed == 0 ? ""
                    : " (and " + suppressed + " more of this kind since the last such line: one a minute is logged, each at FINE)"));
        }
    }

    /** One kind's minute: when its last line was logged, and how many were left out since. */
    private static final class Window {
        private long lastLogged;
        private boolean logged;
        private long suppressed;

        /** -1: leave this one out; else log it, with that many left out before it. */
        synchronized long admit(long now) {
            if (logged && now - lastLogged < INTERVAL_NANOS) {
                suppressed++;
                return -1;
            }
            logged = true;
            lastLogged = now;
            long before = suppressed;
            suppressed = 0;
            return before;
        }
    }
}
