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
        marked(HANDING_OFF, block);
    }

    /** Runs {@code block} with {@code mark} set on this thread, and as it was again afterwards. */
    private static <E extends Exception> void marked(ThreadLocal<Boolean> mark, Block<E> block) throws E {
        Boolean before = mark.get();
        mark.set(Boolean.TRUE);
        try {
            block.run();
        } finally {
            mark.set(before);
        }
    }

    @FunctionalInterface
    public interface Block<E extends Exception> {
        void run() throws E;
    }

    /** Set while a block runs whose first callback runs on this thread whatever else holds ({@link #startingHere}). */
    private static final ThreadLocal<Boolean> START_HERE = new ThreadLocal<>();

    /**
     * Runs {@code block} with the first callback it hands to this executor run right here — even on an I/O thread,
     * within {@link #handingOff}, beyond the limit — and every later one by the usual rules. For a call of a service
     * that promised never to block ({@code NonBlockingServices}): grpc-core looks the call's method up on the server's
     * executor (this one) before it may move the call to another ({@code ServerCallExecutorSupplier}), so without
     * this the lookup alone would cost the hand-off the promise saves.
     */
    public static <E extends Exception> void startingHere(Block<E> block) throws E {
        marked(START_HERE, block);
    }

    /** Runs each task on the thread that hands it in, reporting an {@link Error} as the inline path does. */
    public static final Executor IN_PLACE = InlineFirstExecutor::runHere;

    @Override
    public void execute(Runnable task) {
        if (START_HERE.get() != null) {
            START_HERE.set(null); // the first only: what else the block triggers follows the rules below
            runHere(task);
            return;
        }
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
            runHere(task);
        } finally {
            inline.decrementAndGet();
        }
    }

    private static void runHere(Runnable task) {
        try {
            task.run();
        } catch (Error e) {
            // grpc-java logs what a callback throws only when it is a RuntimeException; an Error (a class missing
            // from the WAR: NoClassDefFoundError) goes on up, and inline that is into the container's ReadListener
            // call, which drops it: the caller gets UNKNOWN and the server says nothing (standalone Jetty 12.1).
            // On the pool it would at least reach the thread's uncaught-exception handler.
            LOG.log(Level.SEVERE, "A gRPC callback (service code or an interceptor) threw; the caller gets UNKNOWN", e);
            throw e;
        }
    }

    /** Callbacks running inline right now. */
    public int inlineNow() {
        return inline.get();
    }
}
