package dev.switchboard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Switchboard's call pool: few threads while they keep up, more while work waits behind blocked ones, back to few
 * when that is over — and never more than its limit. Blocking is simulated with latches; every wait is bounded.
 */
class CallPoolTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<CallPool> pools = new ArrayList<>();

    @AfterEach
    void stop() {
        pools.forEach(CallPool::shutdownNow);
        timer.shutdownNow();
    }

    private CallPool pool(int limit, int base) {
        CallPool pool = new CallPool(Executors.defaultThreadFactory(), limit, base, timer);
        pools.add(pool);
        return pool;
    }

    @Test
    void blockedThreadsMakeThePoolGrowUntilEveryWaitingTaskRuns() throws Exception {
        CallPool pool = pool(64, 2);
        int tasks = 40;
        CountDownLatch running = new CountDownLatch(tasks);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < tasks; i++) {
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).as("all %d blocked tasks running at once", tasks).isTrue();
        assertThat(pool.getPoolSize()).isBetween(tasks, 64);
        release.countDown();
    }

    @Test
    void shortWaitsInsideTasksMakeItGrowToo() throws Exception {
        // Each task waits 2 ms (as a JSON answer waits for its write): the queue's head changes every millisecond with
        // two threads, so only the threads' state tells the watch they are waiting, not working.
        CallPool pool = pool(64, 2);
        CountDownLatch done = runAll(pool, 1_000, () -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.getLargestPoolSize()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void neverMoreThreadsThanItsLimit() throws Exception {
        CallPool pool = pool(6, 2);
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch sixRunning = new CountDownLatch(6);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            pool.execute(() -> {
                most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                sixRunning.countDown();
                await(release);
                atOnce.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(sixRunning.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // twenty watches: room to grow past the limit, were it not kept
        assertThat(most.get()).isEqualTo(6);
        assertThat(pool.getPoolSize()).isEqualTo(6);
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).as("the queued tasks run once threads are free").isTrue();
    }

    @Test
    void aTaskWaitingForOneQueuedBehindItIsNotStarvedWhenNothingElseArrives() throws Exception {
        CallPool pool = pool(8, 1);
        CompletableFuture<String> later = new CompletableFuture<>();
        CompletableFuture<String> first = new CompletableFuture<>();
        pool.execute(() -> {
            pool.execute(() -> later.complete("ran"));
            try {
                first.complete(later.get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                first.completeExceptionally(e);
            }
        });
        assertThat(first.get(15, TimeUnit.SECONDS)).isEqualTo("ran");
    }

    @Test
    void givesBackWhatItGrewOnceTheBlockingIsOver() throws Exception {
        CallPool pool = pool(32, 2);
        CountDownLatch running = new CountDownLatch(16);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 16; i++) {
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.getCorePoolSize()).isGreaterThanOrEqualTo(16);
        release.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((pool.getCorePoolSize() > 2 || pool.getPoolSize() > 2) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(pool.getCorePoolSize()).isEqualTo(2);
        assertThat(pool.getPoolSize()).isLessThanOrEqualTo(2);
    }

    @Test
    void quickTasksDoNotMakeItGrow() throws Exception {
        CallPool pool = pool(64, 2);
        CountDownLatch done = runAll(pool, 200_000, () -> { });
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        // A thread preempted for a whole watch can make it grow once or twice on a busy machine, never to its limit.
        assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(8);
    }

    /** Hands {@code tasks} runs of {@code each} to {@code pool}; the latch counts them done. */
    private static CountDownLatch runAll(CallPool pool, int tasks, Runnable each) {
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            pool.execute(() -> {
                each.run();
                done.countDown();
            });
        }
        return done;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
