package dev.switchboard.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Writes a streamed response from a queue on a writer thread, flushing each chunk as it goes, so that a service
 * never blocks on a slow reader: it sees {@link #isReady()} turn false when more than {@link #HIGH_WATER} bytes wait,
 * and {@code onReady} runs once the reader has caught up below {@link #LOW_WATER} — gRPC's flow control, over
 * plain HTTP.
 */
final class StreamWriter {

    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 16 * 1024;

    /** What the writer tells its call. */
    interface Events {
        void onReady();

        void onWriteFailed(IOException e);

        void onFinished();
    }

    private final OutputStream out;
    private final Executor writers;
    private final Events events;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean finishing;
    private boolean failed;
    private boolean reportedNotReady;

    StreamWriter(OutputStream out, Executor writers, Events events) {
        this.out = out;
        this.writers = writers;
        this.events = events;
    }

    synchronized boolean isReady() {
        boolean ready = !failed && queuedBytes < HIGH_WATER;
        if (!ready) {
            reportedNotReady = true;
        }
        return ready;
    }

    void write(byte[] chunk) {
        enqueue(chunk, false);
    }

    /** Writes the last chunk; {@code onFinished} runs once everything is written. */
    void finish(byte[] last) {
        enqueue(last, true);
    }

    private void enqueue(byte[] chunk, boolean last) {
        synchronized (this) {
            if (failed || finishing) {
                return;
            }
            if (chunk.length > 0) {
                queue.add(chunk);
                queuedBytes += chunk.length;
            }
            finishing = last;
            if (writing) {
                return;
            }
            writing = true;
        }
        writers.execute(this::drain);
    }

    private void drain() {
        while (true) {
            byte[] chunk;
            synchronized (this) {
                chunk = queue.poll();
                if (chunk == null) {
                    writing = false;
                    if (!finishing) {
                        return;
                    }
                }
            }
            if (chunk == null) {
                events.onFinished();
                return;
            }
            try {
                out.write(chunk);
                out.flush();
            } catch (IOException e) {
                synchronized (this) {
                    failed = true;
                    queue.clear();
                    writing = false;
                }
                events.onWriteFailed(e);
                return;
            }
            boolean notify;
            synchronized (this) {
                queuedBytes -= chunk.length;
                notify = reportedNotReady && queuedBytes < LOW_WATER;
                if (notify) {
                    reportedNotReady = false;
                }
            }
            if (notify) {
                events.onReady();
            }
        }
    }
}
