package dev.switchboard.internal.grpc;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time a unary call's request body has to arrive once the call has left the container's dispatch; zero: no limit.
 * One per transport: a slow client's call ends with DEADLINE_EXCEEDED instead of waiting for its body indefinitely.
 */
record BodyBudget(Duration budget, ScheduledExecutorService timer) {
    ScheduledFuture<?> schedule(Runnable onLate) {
        return budget.isZero() ? null : timer.schedule(onLate, budget.toNanos(), TimeUnit.NANOSECONDS);
    }

    String late() {
        return "the request body did not arrive within " + budget.toSeconds() + " s";
    }
}
