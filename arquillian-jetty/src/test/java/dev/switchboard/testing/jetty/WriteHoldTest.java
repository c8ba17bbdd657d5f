package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.util.Callback;
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
}
