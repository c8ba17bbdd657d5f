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

/** A global interceptor at priority 10. */
@GrpcInterceptor
@ApplicationScoped
@Priority(10)
public class FirstGlobalInterceptor implements ServerInterceptor {

    @Inject
    InterceptorLog log;

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        log.record();
        return Contexts.interceptCall(CallOrder.with("first"), call, headers, next);
    }
}
