package dev.switchboard.it.services.production;

import java.util.NoSuchElementException;
import java.util.Set;

import dev.switchboard.GrpcService;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Size;

/**
 * A request-scoped service (one instance per call) with its own interceptor, a request-scoped dependency, and
 * exceptions for the mappers: "missing" throws, "missing-later" passes to onError, "invalid" fails Bean Validation,
 * "boom" is unmapped, "naming" answers
 * what a lookup in {@code java:module} finds. The reply names the thread the service ran on.
 */
@RequestScoped
@GrpcService(interceptors = LocalInterceptor.class)
public class ScopedGreeter extends GreeterGrpc.GreeterImplBase {

    @Inject
    CallScoped callScoped;

    /** Bean Validation on a plain value object, as service code validates its input. */
    public record Name(@Size(min = 2, message = "must have at least 2 characters") String value) {
    }

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        switch (request.getName()) {
            case "missing" -> throw new NoSuchElementException("no such greeting: missing");
            case "missing-later" -> {
                responseObserver.onError(new NoSuchElementException("no such greeting: later"));
                return;
            }
            case "boom" -> throw new IllegalStateException("secret boom");
            case "naming" -> {
                responseObserver.onNext(HelloReply.newBuilder().setMessage("naming=" + moduleName()
                        + " thread=[" + Thread.currentThread().getName() + "]").build());
                responseObserver.onCompleted();
                return;
            }
            default -> {
            }
        }
        if (request.getName().length() < 2) {
            Set<ConstraintViolation<Name>> violations = Validation.buildDefaultValidatorFactory().getValidator()
                    .validate(new Name(request.getName()));
            throw new ConstraintViolationException(violations);
        }
        responseObserver.onNext(HelloReply.newBuilder().setMessage("order=" + String.join(",", CallOrder.KEY.get())
                + " instance=" + System.identityHashCode(this) + " thread=[" + Thread.currentThread().getName() + "]"
                + " scoped=" + callScoped.id()).build());
        responseObserver.onCompleted();
    }

    /** What a JNDI lookup in the component's namespace gives the service code, or the failure's class. */
    private static String moduleName() {
        try {
            return String.valueOf(new javax.naming.InitialContext().lookup("java:module/ModuleName"));
        } catch (javax.naming.NamingException | RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Override
    public void sayHelloStream(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        for (int i = 0; i < Math.max(1, request.getCount()); i++) {
            responseObserver.onNext(HelloReply.newBuilder().setMessage(callScoped.id()).build());
        }
        responseObserver.onCompleted();
    }
}
