package dev.switchboard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class InlineFirstExecutorTest {

    @Test
    void runsInlineUpToTheLimitThenOnTheOverflow() {
        List<Runnable> overflowed = new CopyOnWriteArrayList<>();
        InlineFirstExecutor executor = new InlineFirstExecutor(1, overflowed::add, thread -> false);
        boolean[] ran = new boolean[2];
        executor.execute(() -> {
            ran[0] = true;
            executor.execute(() -> ran[1] = true); // a second callback while the first runs inline: over the limit
            assertThat(executor.inlineNow()).isEqualTo(1);
        });
        assertThat(ran[0]).isTrue();
        assertThat(ran[1]).isFalse();
        assertThat(overflowed).hasSize(1);
        assertThat(executor.inlineNow()).isZero();
    }

    /**
     * The start of a call that promised never to block: its first callback (grpc-core's method lookup) runs here even
     * where every rule would hand it off — an I/O thread, a block handing off, no inline slot left — and only the first.
     */
    @Test
    void runsTheFirstCallbackOfAStartingBlockHereWhateverElseHolds() throws Exception {
        List<Runnable> overflowed = new CopyOnWriteArrayList<>();
        InlineFirstExecutor executor = new InlineFirstExecutor(0, overflowed::add, thread -> thread instanceof IoThread);
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread io = new IoThread(() -> InlineFirstExecutor.handingOff(() -> InlineFirstExecutor.startingHere(() -> {
            executor.execute(() -> ran.add(Thread.currentThread().getName()));
            executor.execute(() -> ran.add("second"));
        })));
        io.start();
        io.join();
        assertThat(ran).containsExactly("test I/O thread");
        assertThat(overflowed).hasSize(1);
        InlineFirstExecutor.startingHere(() -> { });
        executor.execute(() -> ran.add("after the block")); // the mark ends with the block even when nothing took it
        assertThat(ran).hasSize(1);
        assertThat(overflowed).hasSize(2);
    }

    @Test
    void runsTasksInPlaceAndReportsAnError() {
        List<String> ran = new CopyOnWriteArrayList<>();
        InlineFirstExecutor.IN_PLACE.execute(() -> ran.add(Thread.currentThread().getName()));
        assertThat(ran).containsExactly(Thread.currentThread().getName());
        assertThatThrownBy(() -> InlineFirstExecutor.IN_PLACE.execute(() -> {
            throw new NoClassDefFoundError("Missing");
        })).isInstanceOf(NoClassDefFoundError.class);
    }

    /** Stands in for XNIO's I/O thread class (a real one would shadow XNIO's on the test class path). */
    static class IoThread extends Thread {
        IoThread(Runnable task) {
            super(task, "test I/O thread");
        }
    }

    @Test
    void neverRunsInlineOnAnIoThread() throws Exception {
        List<Runnable> overflowed = new CopyOnWriteArrayList<>();
        InlineFirstExecutor executor = new InlineFirstExecutor(16, overflowed::add,
                thread -> UndertowContainer.extendsClassNamed(thread.getClass(), IoThread.class.getName()));
        boolean[] ran = new boolean[2];
        // XNIO's WorkerThread extends XnioIoThread: recognized through its superclass
        Thread io = new IoThread(() -> executor.execute(() -> ran[0] = true)) {
        };
        io.start();
        io.join();
        assertThat(ran[0]).isFalse();
        assertThat(overflowed).hasSize(1);
        executor.execute(() -> ran[1] = true); // this thread is no I/O thread: inline
        assertThat(ran[1]).isTrue();
        assertThat(overflowed).hasSize(1);
    }

    @Test
    void recognizesXniosIoThreadsByTheirSuperclassesName() {
        assertThat(UndertowContainer.extendsClassNamed(IoThread.class, IoThread.class.getName())).isTrue();
        assertThat(UndertowContainer.extendsClassNamed(new IoThread(() -> { }) { }.getClass(), IoThread.class.getName())).isTrue();
        assertThat(UndertowContainer.extendsClassNamed(Thread.class, IoThread.class.getName())).isFalse();
        assertThat(ServletContainer.detect("Undertow - 2.3.23.Final").isIoThread(new IoThread(() -> { }))).isFalse();
        assertThat(ServletContainer.detect("Undertow - 2.3.23.Final").isIoThread(Thread.currentThread())).isFalse();
    }

    @Test
    void anErrorThrownInlineIsLoggedAndStillThrown() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(InlineFirstExecutor.class.getName());
        logger.addHandler(capture);
        try {
            InlineFirstExecutor executor = new InlineFirstExecutor(4, Runnable::run, thread -> false);
            NoClassDefFoundError missing = new NoClassDefFoundError("com/fasterxml/classmate/TypeResolver");
            assertThatThrownBy(() -> executor.execute(() -> {
                throw missing;
            })).isSameAs(missing);
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(record.getThrown()).isSameAs(missing);
            });
            assertThat(executor.inlineNow()).isZero();
        } finally {
            logger.removeHandler(capture);
        }
    }
}
