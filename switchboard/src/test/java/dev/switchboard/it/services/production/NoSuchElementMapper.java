package dev.switchboard.it.services.production;

import java.util.NoSuchElementException;

import dev.switchboard.GrpcExceptionMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NoSuchElementMapper implements GrpcExceptionMapper<NoSuchElementException> {

    @Override
    public StatusRuntimeException toStatus(NoSuchElementException exception) {
        return Status.NOT_FOUND.withDescription(exception.getMessage()).asRuntimeException();
    }
}
