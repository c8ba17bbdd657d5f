package dev.switchboard.bench.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.benchmarks.Utils;
import io.grpc.benchmarks.proto.BenchmarkServiceGrpc;
import io.grpc.benchmarks.proto.Messages.PayloadType;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.proto.Messages.SimpleResponse;
import io.grpc.stub.StreamObserver;

/**
 * Opens {@code streams} bidi StreamingCalls over {@code channels} connections, does one ping-pong on each (so the
 * server really holds the call), prints {@code READY n}, then keeps them all open and idle until killed or
 * {@code holdSeconds} pass.
 *
 * <p>Several connections because Jetty's HTTP/2 allows 128 concurrent streams per connection (Netty: unlimited);
 * the same number of connections is used against every server.
 */
public final class IdleStreams {

    private IdleStreams() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int streams = Integer.parseInt(args[1]);
        int channelCount = Integer.parseInt(args[2]);
        int holdSeconds = Integer.parseInt(args[3]);

        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            channels.add(ManagedChannelBuilder.forTarget(target).usePlaintext().build());
        }
        SimpleRequest ping = Utils.makeRequest(PayloadType.COMPRESSABLE, 0, 0);
        CountDownLatch answered = new CountDownLatch(streams);
        CountDownLatch failed = new CountDownLatch(1);
        List<StreamObserver<SimpleRequest>> open = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            StreamObserver<SimpleRequest> requests = BenchmarkServiceGrpc.newStub(channels.get(i % channelCount))
                    .streamingCall(new StreamObserver<SimpleResponse>() {
                        private boolean first = true;

                        @Override
                        public void onNext(SimpleResponse value) {
                            if (first) {
                                first = false;
                                answered.countDown();
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            System.err.println("stream failed: " + t);
                            failed.countDown();
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            requests.onNext(ping);
            open.add(requests);
        }
        if (!answered.await(60, TimeUnit.SECONDS)) {
            System.out.println("NOT READY: " + (streams - answered.getCount()) + " of " + streams + " streams answered");
            System.exit(1);
        }
        System.out.println("READY " + streams);
        System.out.flush();
        failed.await(holdSeconds, TimeUnit.SECONDS);
        for (StreamObserver<SimpleRequest> requests : open) {
            requests.onCompleted();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        System.exit(failed.getCount() == 0 ? 1 : 0);
    }
}
