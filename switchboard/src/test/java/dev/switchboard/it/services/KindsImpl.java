package dev.switchboard.it.services;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.AllKinds;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/**
 * {@code switchboard.test.v1.KindsService/Mirror}: answers with the {@link AllKinds} it is given, every kind of field
 * through whatever client calls it. Bound by hand rather than generated from a .proto: the test protos stay as the
 * example has them.
 */
@GrpcService
public class KindsImpl implements BindableService {

    public static final MethodDescriptor<AllKinds, AllKinds> MIRROR = MethodDescriptor.<AllKinds, AllKinds>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("switchboard.test.v1.KindsService", "Mirror"))
            .setRequestMarshaller(ProtoUtils.marshaller(AllKinds.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(AllKinds.getDefaultInstance()))
            .build();

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder("switchboard.test.v1.KindsService")
                .addMethod(MIRROR, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .build();
    }
}
