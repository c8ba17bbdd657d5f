package dev.switchboard.internal.chain;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.switchboard.GrpcExceptionMapper;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Bean Validation's violations as {@code INVALID_ARGUMENT} with a {@code google.rpc.BadRequest} naming each
 * property; used when jakarta.validation is on the class path and the application maps it no other way.
 */
final class ConstraintViolationMapper implements GrpcExceptionMapper<ConstraintViolationException> {

    @Override
    public StatusRuntimeException toStatus(ConstraintViolationException exception) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        StringBuilder message = new StringBuilder();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            String field = violation.getPropertyPath().toString();
            badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                    .setField(field).setDescription(violation.getMessage()));
            message.append(message.length() == 0 ? "" : "; ").append(field).append(": ").append(violation.getMessage());
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message.length() == 0 ? "Invalid request" : message.toString())
                .addDetails(Any.pack(badRequest.build()))
                .build());
    }
}
