package dev.switchboard.bench.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.benchmarks.proto.BenchmarkServiceGrpc;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.proto.Messages.SimpleResponse;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/**
 * Unary calls at a fixed offered load, for latency at the same load on every server (AsyncClient keeps a fixed number
 * of calls outstanding, so each server is measured at its own throughput). grpc-benchmarks' OpenLoopClient has no
 * warm-up: its cold client JVM puts a second into p99. This one sends at a constant rate for {@code warmup} seconds,
 * discards those, then measures for {@code duration} seconds.
 *
 * <p>Latency counts from when a call was due, not from when it was sent (no coordinated omission): a server that
 * falls behind shows it in the percentiles, not in a lower rate. Output matches AsyncClient's lines that bench/run
 * reads ({@code 50%ile Latency (in micros):}, {@code 99%ile ...}, {@code QPS:}), plus the calls that failed.
 *
 * <p>Bounded whatever the server does: at most one second's worth of calls is outstanding (a call due beyond that is
 * not sent and counts as failed — before, a server or client that fell behind piled up calls until this JVM spent all
 * its time in full GCs and the run never ended, seen on a slow host at 20,000/s), and sending stops 10 s past the end
 * of the window however far behind it is.
 *
 * <pre>FixedRateClient host:port qps warmupSeconds durationSeconds channels</pre>
 */
public final class FixedRateClient {

    private FixedRateClient() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        long qps = Long.parseLong(args[1]);
        long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        long durationNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
        int channelCount = Integer.parseInt(args[4]);

        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            channels.add(NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build());
        }
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong failed = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long maxOutstanding = Math.max(1_000, qps);
        long skipped = 0;
        SimpleRequest request = SimpleRequest.getDefaultInstance();
        long interval = TimeUnit.SECONDS.toNanos(1) / qps;

        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + durationNanos;
        long sent = 0;
        long measured = 0;
        while (true) {
            long due = start + sent * interval;
            long now = System.nanoTime();
            if (due >= end || now - end > TimeUnit.SECONDS.toNanos(10)) {
                break;
            }
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            boolean counts = due >= measureFrom; // warm-up calls are sent alike but neither recorded nor counted
            if (outstanding.get() >= maxOutstanding) {
                sent++;
                if (counts) {
                    measured++;
                    skipped++;
                }
                continue;
            }
            outstanding.incrementAndGet();
            ManagedChannel channel = channels.get((int) (sent % channelCount));
            ClientCalls.asyncUnaryCall(channel.newCall(BenchmarkServiceGrpc.getUnaryCallMethod(), CallOptions.DEFAULT),
                    request, new Observer(due, counts ? recorder : null, failed, completed, outstanding));
            sent++;
            if (counts) {
                measured++;
            }
        }
        // Calls still open are allowed to finish (their latency counts) for up to 10 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (completed.get() + skipped < measured && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long answered = completed.get() - failed.get();
        long unfinished = measured - skipped - completed.get();
        Histogram h = recorder.getIntervalHistogram();
        System.out.println("Target QPS:                     " + qps);
        System.out.println("Calls due (measured):           " + measured);
        System.out.println("50%ile Latency (in micros):     " + micros(h.getValueAtPercentile(50)));
        System.out.println("90%ile Latency (in micros):     " + micros(h.getValueAtPercentile(90)));
        System.out.println("99%ile Latency (in micros):     " + micros(h.getValueAtPercentile(99)));
        System.out.println("99.9%ile Latency (in micros):   " + micros(h.getValueAtPercentile(99.9)));
        System.out.println("Maximum Latency (in micros):    " + micros(h.getMaxValue()));
        // The rate answered, over the measured window: below the target when the server could not keep up.
        System.out.println("QPS:                            " + answered * TimeUnit.SECONDS.toNanos(1) / durationNanos);
        System.out.println("Failed calls:                   " + (failed.get() + unfinished + skipped));
        System.out.println("Not sent (backlog):             " + skipped);
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    /** For a measured call (recorder not null): its latency from when it was due; a failure counts, not a latency. */
    private static final class Observer implements StreamObserver<SimpleResponse> {
        private final long due;
        private final Recorder recorder;
        private final AtomicLong failed;
        private final AtomicLong completed;
        private final AtomicLong outstanding;

        Observer(long due, Recorder recorder, AtomicLong failed, AtomicLong completed, AtomicLong outstanding) {
            this.due = due;
            this.recorder = recorder;
            this.failed = failed;
            this.completed = completed;
            this.outstanding = outstanding;
        }

        @Override
        public void onNext(SimpleResponse value) {
        }

        @Override
        public void onError(Throwable t) {
            outstanding.decrementAndGet();
            if (recorder != null) {
                failed.incrementAndGet();
                completed.incrementAndGet();
            }
        }

        @Override
        public void onCompleted() {
            outstanding.decrementAndGet();
            if (recorder != null) {
                recorder.recordValue(Math.min(System.nanoTime() - due, TimeUnit.SECONDS.toNanos(60)));
                completed.incrementAndGet();
            }
        }
    }
}
