package dev.switchboard.bench.startup;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;

/** A service definition served under another service name: same methods, same handlers, renamed descriptors. */
final class Renamed {

    private Renamed() {
    }

    static ServerServiceDefinition as(String serviceName, ServerServiceDefinition original) {
        ServerServiceDefinition.Builder renamed = ServerServiceDefinition.builder(serviceName);
        for (ServerMethodDefinition<?, ?> method : original.getMethods()) {
            add(renamed, serviceName, method);
        }
        return renamed.build();
    }

    private static <Q, R> void add(ServerServiceDefinition.Builder builder, String serviceName, ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        builder.addMethod(descriptor.toBuilder()
                .setFullMethodName(MethodDescriptor.generateFullMethodName(serviceName, descriptor.getBareMethodName()))
                // The proto schema names grpc.testing.BenchmarkService: it does not describe the renamed service.
                .setSchemaDescriptor(null)
                .build(), method.getServerCallHandler());
    }
}
