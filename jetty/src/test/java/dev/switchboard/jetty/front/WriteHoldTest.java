package dev.switchboard.jetty.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.Test;

/** When {@link WriteHold} holds a write and when it lets it go. */
class WriteHoldTest {

    private final List<Callback> written = new ArrayList<>();
    private final WriteHold hold = new WriteHold((callback, buffers) -> written.add(callback));

    @Test
    void holdsTheFirstWriteOfAnHttp2ReadUntilAFillBringsNothing() {
        hold.filled(200, true);
        Callback first = Callback.NOOP;
        hold.write(first, ByteBuffer.allocate(1));
        hold.filled(300, true); // more of the same read: still held
        assertThat(written).isEmpty();
        hold.filled(0, true);
        assertThat(written).containsExactly(first);
        Callback later = Callback.from(() -> { });
        hold.write(later, ByteBuffer.allocate(1)); // between reads: at once
        assertThat(written).containsExactly(first, later);
    }

    @Test
    void letsAHeldWriteGoOnceEnoughHasBeenRead() {
        hold.filled(100, true);
        hold.write(Callback.NOOP, ByteBuffer.allocate(1));
        hold.filled(WriteHold.MAX_BYTES - 1, true);
        assertThat(written).isEmpty();
        hold.filled(1, true);
        assertThat(written).hasSize(1);
    }

    @Test
    void holdsNothingOutsideHttp2() {
        hold.filled(200, false);
        hold.write(Callback.NOOP, ByteBuffer.allocate(1));
        assertThat(written).hasSize(1);
    }

    @Test
    void releasesOnClose() {
        hold.filled(200, true);
        hold.write(Callback.NOOP, ByteBuffer.allocate(1));
        hold.release();
        assertThat(written).hasSize(1);
        assertThat(hold.writes()).isEqualTo(1);
    }

    /** A hold that defers writes between reads: the tasks it hands out wait here, with where they were sent. */
    private final Deque<Runnable> later = new ArrayDeque<>();
    private final List<Boolean> laterOnSelector = new ArrayList<>();
    private final WriteHold deferring = new WriteHold((callback, buffers) -> written.add(callback),
            (task, nonBlocking) -> {
                later.add(task);
                laterOnSelector.add(nonBlocking);
            });

    @Test
    void defersASmallWriteBetweenReadsUntilItsTaskRuns() {
        deferring.filled(0, true); // an HTTP/2 connection, between reads
        Callback answer = nonBlocking();
        deferrable(deferring, answer, ByteBuffer.allocate(100));
        assertThat(written).isEmpty();
        assertThat(laterOnSelector).containsExactly(true);
        later.poll().run();
        assertThat(written).containsExactly(answer);
        assertThat(deferring.writes()).isEqualTo(1);
    }

    @Test
    void theReleasesOwnNextWritesGoAtOnce() {
        List<Callback> order = new ArrayList<>();
        Callback second = nonBlocking();
        WriteHold[] self = new WriteHold[1];
        // As the flusher does: the first write completing (synchronously, here) makes it write what queued meanwhile.
        self[0] = new WriteHold((callback, buffers) -> {
            order.add(callback);
            if (order.size() == 1) {
                self[0].write(second, ByteBuffer.allocate(100));
            }
        }, (task, nonBlocking) -> later.add(task));
        self[0].filled(0, true);
        deferrable(self[0], nonBlocking(), ByteBuffer.allocate(100));
        later.poll().run();
        assertThat(order).hasSize(2).endsWith(second);
        assertThat(later).isEmpty();
    }

    @Test
    void aBlockingCallbackIsReleasedOnThePoolAlsoWhenTheSelectorsReleaseWritesIt() {
        Callback blocking = Callback.from(() -> { }); // Callback's default invocation type: blocking
        List<Callback> order = new ArrayList<>();
        WriteHold[] self = new WriteHold[1];
        self[0] = new WriteHold((callback, buffers) -> {
            order.add(callback);
            if (order.size() == 1) {
                self[0].write(blocking, ByteBuffer.allocate(1 << 20)); // large, but not to complete on the selector
            }
        }, (task, nonBlocking) -> {
            later.add(task);
            laterOnSelector.add(nonBlocking);
        });
        self[0].filled(0, true);
        deferrable(self[0], nonBlocking(), ByteBuffer.allocate(100));
        later.poll().run();
        assertThat(order).hasSize(1);
        assertThat(laterOnSelector).containsExactly(true, false);
        later.poll().run();
        assertThat(order).hasSize(2).endsWith(blocking);
    }

    @Test
    void writesWhatIsNotMadeDeferrableAtOnce() {
        deferring.filled(0, true);
        deferring.write(nonBlocking(), ByteBuffer.allocate(10)); // a servlet's, which may wait for it
        assertThat(written).hasSize(1);
        assertThat(later).isEmpty();
        deferrable(deferring, nonBlocking(), ByteBuffer.allocate(10));
        assertThat(written).hasSize(1);
        assertThat(later).hasSize(1);
    }

    @Test
    void writesLargeWritesAndWritesOutsideHttp2AtOnce() {
        deferring.filled(0, true);
        deferrable(deferring, nonBlocking(), ByteBuffer.allocate(WriteHold.MAX_DEFERRED_BYTES + 1));
        assertThat(written).hasSize(1);
        deferring.filled(10, false);
        deferrable(deferring, nonBlocking(), ByteBuffer.allocate(10));
        assertThat(written).hasSize(2);
        assertThat(later).isEmpty();
    }

    @Test
    void aDeferredWriteLeavesWithTheNextReadsReleaseOrOnCloseAndItsTaskThenDoesNothing() {
        deferring.filled(0, true);
        Callback first = nonBlocking();
        deferrable(deferring, first, ByteBuffer.allocate(10));
        deferring.filled(0, true); // the producer found nothing more to read: released there
        assertThat(written).containsExactly(first);
        later.poll().run();
        assertThat(written).containsExactly(first);

        Callback second = nonBlocking();
        deferrable(deferring, second, ByteBuffer.allocate(10));
        deferring.release(); // closed
        assertThat(written).containsExactly(first, second);
        later.poll().run();
        assertThat(deferring.writes()).isEqualTo(2);
    }

    @Test
    void aWriteDeferredBetweenReadsCountsOnlyTheBytesReadAfterIt() {
        deferring.filled(100, true);
        deferring.write(nonBlocking(), ByteBuffer.allocate(1)); // held by the read
        deferring.filled(WriteHold.MAX_BYTES - 1, true);
        deferring.filled(0, true); // released by the end of the read, below MAX_BYTES
        assertThat(written).hasSize(1);
        deferrable(deferring, nonBlocking(), ByteBuffer.allocate(10)); // between reads: deferred
        deferring.filled(100, true); // the next read: the bytes before the deferral are not this write's
        assertThat(written).as("released by the bytes of an earlier hold").hasSize(1);
        deferring.filled(WriteHold.MAX_BYTES, true);
        assertThat(written).hasSize(2);
    }

    private static void deferrable(WriteHold hold, Callback callback, ByteBuffer buffer) {
        WriteHold.deferrable(() -> hold.write(callback, buffer));
    }

    private static Callback nonBlocking() {
        return new Callback() {
            @Override
            public InvocationType getInvocationType() {
                return Invocable.InvocationType.NON_BLOCKING;
            }
        };
    }
}
