package dev.switchboard.internal.container;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Switchboard's pool for service code: at most {@code limit} threads, but only as many as the server has cores while
 * those keep up with the work — more only while work waits because they are blocked.
 *
 * <p>Why not simply {@code limit} threads: each idle thread of a {@link ThreadPoolExecutor} waits on its one queue,
 * and each task handed in wakes one of them. With 200 idle threads a busy server wakes a thread for nearly every call
 * and the waiters queue up on the queue's lock; with two, the two threads mostly find the next task waiting when they
 * finish one: 16.6 µs of server CPU per small unary call against 13.6 µs (embedded Jetty, bench/NOTES.md,
 * 2026-12-07). Why not just as many threads as cores: service code that blocks (a database call) would hold them all
 * and every other call would wait behind it.
 *
 * <p>How it grows: while tasks are queued, a watch on {@code timer} looks at the pool every {@link #WATCH_MILLIS} ms.
 * Its threads are blocked, not merely busy, when the same task is still at the queue's head (no thread has taken work
 * for that long, where a busy one takes the next within microseconds: a database call, reading its socket), or when
 * work was queued at the last watch too and a thread is waiting inside its task (a lock, a condition: Switchboard's
 * own JSON answers wait there for their write); then the pool doubles, up to {@code limit} — unless the watch itself
 * ran late: then the whole JVM stood still or lacked CPU, and more threads would not help. A backlog of blocked calls
 * gets its threads within a few watches (2 → 200 in eight, 40 ms). Every {@link #SHRINK_MILLIS} ms it
 * gives back what the last period did not need: the threads busy on average at its watches, plus a quarter, is the
 * new size; the idle threads above it end at once. No watch runs on an idle server.
 *
 * <p>Like a fixed pool, the queue never refuses: what waits is bounded by call admission, not here.
 */
public final class CallPool extends ThreadPoolExecutor {

    private static final Logger LOG = Logger.getLogger(CallPool.class.getName());

    /** How long a task may stay at the head of the queue before the pool takes its threads to be blocked. */
    static final long WATCH_MILLIS = 5;
    /** How often the pool gives back threads the last period did not need. */
    static final long SHRINK_MILLIS = 1_000;

    private final int base;
    private final int limit;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean watching = new AtomicBoolean();
    /** Threads running a task now: their state tells the watch whether they are blocked. */
    private final Set<Thread> busy = ConcurrentHashMap.newKeySet();
    // Touched by the watch only, which never runs twice at once.
    private Object lastHead;
    private long lastWatch;
    private long lastShrink = System.nanoTime();
    /** {@link #busy} summed over the watches since the last shrink, and how many. */
    private long busySum;
    private int busySamples;

    /** At most {@code limit} threads from {@code factory}; as many as cores (at least two) while they keep up. */
    public CallPool(ThreadFactory factory, int limit, ScheduledExecutorService timer) {
        this(factory, limit, Math.max(2, Runtime.getRuntime().availableProcessors()), timer);
    }

    CallPool(ThreadFactory factory, int limit, int base, ScheduledExecutorService timer) {
        // The maximum follows the core size: with a queue that never refuses, a ThreadPoolExecutor starts no thread
        // beyond its core size anyway, and only a lowered maximum makes the threads above it end when next idle
        // (a lowered core size alone leaves them waiting on the queue until a whole minute passes without a task).
        super(Math.min(base, limit), Math.min(base, limit), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        this.base = Math.min(base, limit);
        this.limit = limit;
        this.timer = timer;
        allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        super.execute(task);
        if (!getQueue().isEmpty() && !watching.get()) {
            startWatch();
        }
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        busy.add(thread);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        busy.remove(Thread.currentThread());
    }

    private boolean waitingInTask() {
        for (Thread thread : busy) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                return true;
            }
        }
        return false;
    }

    private void resize(int threads) {
        if (threads > getCorePoolSize()) {
            setMaximumPoolSize(threads);
            setCorePoolSize(threads);
        } else {
            setCorePoolSize(threads);
            setMaximumPoolSize(threads);
        }
    }

    private void startWatch() {
        if (watching.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            timer.schedule(this::watch, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            watching.set(false); // the deployment is stopping: its timer is gone, and so is the work
        }
    }

    private void watch() {
        try {
            Runnable head = getQueue().peek();
            long now = System.nanoTime();
            // A late watch means this JVM stood still (a collection, a safepoint) or lacked CPU: the head stayed for
            // that, not for blocked threads, and more threads would not help.
            boolean onTime = now - lastWatch < TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS * 3 / 2);
            int size = getCorePoolSize();
            boolean blocked = head != null && (head == lastHead || lastHead != null && waitingInTask());
            if (blocked && onTime && size < limit && !isShutdown()) {
                resize(Math.min(limit, size * 2));
            }
            lastHead = head;
            lastWatch = now;
            busySum += busy.size();
            busySamples++;
            if (now - lastShrink >= TimeUnit.MILLISECONDS.toNanos(SHRINK_MILLIS)) {
                // What the last period kept busy on average, with a quarter to spare: blocked calls keep their
                // threads, a growth that a burst or a stall caused is given back.
                int needed = (int) Math.ceil(busySum * 1.25 / busySamples);
                lastShrink = now;
                busySum = 0;
                busySamples = 0;
                if (needed < getCorePoolSize()) {
                    resize(Math.max(base, needed));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Switchboard's call pool could not resize; it keeps " + getCorePoolSize() + " threads", e);
        }
        if (isShutdown()) {
            watching.set(false);
        } else if (!getQueue().isEmpty() || getCorePoolSize() > base) {
            schedule();
        } else {
            lastHead = null;
            watching.set(false);
            if (!getQueue().isEmpty()) {
                startWatch(); // queued between the look and the flag
            }
        }
    }
}
