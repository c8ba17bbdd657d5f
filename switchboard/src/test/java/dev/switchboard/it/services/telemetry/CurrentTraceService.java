package dev.switchboard.it.services.telemetry;

import dev.switchboard.GrpcService;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.OtherServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;

/** OtherService/Echo answers the trace id current in service code (all zeros when there is no span). */
@ApplicationScoped
@GrpcService
public class CurrentTraceService extends OtherServiceGrpc.OtherServiceImplBase {

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
        responseObserver.onNext(EchoResponse.newBuilder().setText(Span.current().getSpanContext().getTraceId()).build());
        responseObserver.onCompleted();
    }
}
