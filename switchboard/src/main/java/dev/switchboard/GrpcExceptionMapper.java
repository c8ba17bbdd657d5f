package dev.switchboard;

import io.grpc.StatusRuntimeException;

/**
 * Turns an application exception thrown by service code into a gRPC status, on both protocols. Implement it as a CDI
 * bean; the mapper for the closest superclass of the thrown exception wins. Exceptions no mapper handles become
 * {@code UNKNOWN}, are logged, and their message is not sent.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class NotFoundMapper implements GrpcExceptionMapper<NotFoundException> {
 *     public StatusRuntimeException toStatus(NotFoundException e) {
 *         return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
 *     }
 * }
 * }</pre>
 *
 * <p>Return {@code StatusProto.toStatusRuntimeException(...)} to send rich error details ({@code google.rpc.BadRequest},
 * ...). Bean Validation's {@code ConstraintViolationException} is mapped out of the box to {@code INVALID_ARGUMENT}
 * with a {@code BadRequest} naming each violated property.
 *
 * @param <E> the exceptions this mapper handles, subclasses included
 */
public interface GrpcExceptionMapper<E extends Throwable> {

    /** The status the caller gets for {@code exception}; its description is sent, so word it for the caller. */
    StatusRuntimeException toStatus(E exception);
}
