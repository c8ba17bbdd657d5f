package dev.switchboard.internal.container;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs gRPC callbacks (service code) on the thread that delivers them — the container's request thread — as long as
 * fewer than {@code limit} callbacks are running that way; beyond that, on {@code overflow}.
 *
 * <p>Why: handing every callback to another pool costs a thread switch per message, which on a busy server is most
 * of the cost of a small call (bench/NOTES.md). Running everything on container threads, though, lets service code
 * that blocks (a JDBC call) take all of them, and then the container cannot even read new requests.
 * The limit keeps most container threads free: fast services rarely have more than a few callbacks running at once,
 * so they always run inline; blocking services fill the inline slots and then spill over to the pool.
 *
 * <p>Never on a container's I/O threads, which must not block and are few: Undertow (WildFly) calls servlet
 * listeners ({@code ReadListener}, {@code WriteListener}) on its XNIO I/O threads, so callbacks delivered there go to
 * {@code overflow} always. Jetty calls them on its request thread pool. Other containers, whose threads this class
 * does not know, get the pool (context-param {@code switchboard.grpc-executor}).
 */
public final class InlineFirstExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(InlineFirstExecutor.class.getName());

    private final int limit;
    private final Executor overflow;
    private final AtomicInteger inline = new AtomicInteger();
    private final Predicate<Thread> ioThread;

    /** {@code ioThread}: which threads are a container's I/O threads (tests stand in for XNIO's). */
    public InlineFirstExecutor(int limit, Executor overflow, Predicate<Thread> ioThread) {
        this.limit = limit;
        this.overflow = overflow;
        this.ioThread = ioThread;
    }

    /** Set while a block runs whose callbacks must not run on this thread ({@link #handingOff}). */
    private static final ThreadLocal<Boolean> HANDING_OFF = new ThreadLocal<>();

    /**
     * Runs {@code block} with every callback it triggers handed to the pool rather than run on this thread. For
     * container callbacks that hold back what service code run inside them writes: Jetty sends nothing a stream
     * writes from within its {@code ReadListener.onAllDataRead} until that returns, so a server-streaming method
     * started there (its request's end starts it) would deliver all its messages at once when it is done, and not hear
     * its client's reset before either.
     */
    public static <E extends Exception> void handingOff(Block<E> block) throws E {
        Boolean before = HANDING_OFF.get();
        HANDING_OFF.set(Boolean.TRUE);
        try {
            block.run();
        } finally {
            HANDING_OFF.set(before);
        }
    }

    @FunctionalInterface
    public interface Block<E extends Exception> {
        void run() throws E;
    }

    @Override
    public void execute(Runnable task) {
        if (ioThread.test(Thread.currentThread()) || HANDING_OFF.get() != null) {
            overflow.execute(task);
            return;
        }
        if (inline.incrementAndGet() > limit) {
            inline.decrementAndGet();
            overflow.execute(task);
            return;
        }
        try {
            task.run();
        } catch (Error e) {
            // grpc-java logs what a callback throws only when it is a RuntimeException; an Error (a class missing
            // from the WAR: NoClassDefFoundError) goes on up, and inline that is into the container's ReadListener
            // call, which drops it: the caller gets UNKNOWN and the server says nothing (standalone Jetty 12.1).
            // On the pool it would at least reach the thread's uncaught-exception handler.
            LOG.log(Level.SEVERE, "A gRPC callback (service code or an interceptor) threw; the caller gets UNKNOWN", e);
            throw e;
        } finally {
            inline.decrementAndGet();
        }
    }

    /** Callbacks running inline right now. */
    public int inlineNow() {
        return inline.get();
    }
}
