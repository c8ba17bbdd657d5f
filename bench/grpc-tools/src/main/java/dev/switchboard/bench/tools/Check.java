package dev.switchboard.bench.tools;

import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.benchmarks.Utils;
import io.grpc.benchmarks.proto.BenchmarkServiceGrpc;
import io.grpc.benchmarks.proto.Messages.PayloadType;
import io.grpc.benchmarks.proto.Messages.SimpleResponse;

/**
 * Pre-flight: one real gRPC UnaryCall (1 KiB each way) against {@code host:port}, so a benchmark never measures a
 * server that answers errors fast (h2load cannot see grpc-status). Exit 0 when the answer is right.
 */
public final class Check {

    private Check() {
    }

    public static void main(String[] args) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(args[0]).usePlaintext().build();
        try {
            SimpleResponse response = BenchmarkServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .unaryCall(Utils.makeRequest(PayloadType.COMPRESSABLE, 1024, 1024));
            int size = response.getPayload().getBody().size();
            if (size != 1024) {
                System.err.println("check " + args[0] + ": expected 1024 payload bytes, got " + size);
                System.exit(1);
            }
            System.out.println("check " + args[0] + ": gRPC UnaryCall OK");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
