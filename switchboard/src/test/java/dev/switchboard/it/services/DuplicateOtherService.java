package dev.switchboard.it.services;

import dev.switchboard.test.v1.OtherServiceGrpc;
import jakarta.enterprise.context.ApplicationScoped;

/** A second bean for switchboard.test.v1.OtherService, next to {@link OtherServiceImpl}: deployment must fail. */
@ApplicationScoped
public class DuplicateOtherService extends OtherServiceGrpc.OtherServiceImplBase {
}
