package dev.switchboard.it.services.production;

import dev.switchboard.GrpcInterceptor;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A global interceptor at priority 20. */
@GrpcInterceptor
@ApplicationScoped
@Priority(20)
public class SecondGlobalInterceptor implements ServerInterceptor {

    @Inject
    InterceptorLog log;

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        log.record();
        return Contexts.interceptCall(CallOrder.with("second"), call, headers, next);
    }
}
