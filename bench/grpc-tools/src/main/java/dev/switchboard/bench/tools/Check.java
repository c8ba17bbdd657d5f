package dev.switchboard.bench.tools;

import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.benchmarks.Utils;
import io.grpc.benchmarks.proto.BenchmarkServiceGrpc;
import io.grpc.benchmarks.proto.Messages.PayloadType;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.proto.Messages.SimpleResponse;
import io.grpc.stub.ClientCalls;

/**
 * Pre-flight: one real gRPC UnaryCall (1 KiB each way) against {@code host:port}, so a benchmark never measures a
 * server that answers errors fast (h2load cannot see grpc-status). Exit 0 when the answer is right.
 * {@code Check host:port SERVICE} calls {@code SERVICE/UnaryCall} instead of {@code grpc.testing.BenchmarkService}'s
 * (the renamed copies in startup-war/, e.g. {@code bench.startup.Service07}).
 */
public final class Check {

    private Check() {
    }

    public static void main(String[] args) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(args[0]).usePlaintext().build();
        try {
            SimpleRequest request = Utils.makeRequest(PayloadType.COMPRESSABLE, 1024, 1024);
            MethodDescriptor<SimpleRequest, SimpleResponse> method = BenchmarkServiceGrpc.getUnaryCallMethod();
            if (args.length > 1) {
                method = method.toBuilder()
                        .setFullMethodName(MethodDescriptor.generateFullMethodName(args[1], method.getBareMethodName())).build();
            }
            SimpleResponse response = ClientCalls.blockingUnaryCall(channel, method,
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
            int size = response.getPayload().getBody().size();
            if (size != 1024) {
                System.err.println("check " + args[0] + ": expected 1024 payload bytes, got " + size);
                System.exit(1);
            }
            System.out.println("check " + args[0] + ": gRPC " + method.getFullMethodName() + " OK");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
