package dev.switchboard.it;

import dev.switchboard.test.v1.OtherServiceGrpc;
import jakarta.enterprise.context.RequestScoped;

/** A service in a scope Switchboard cannot serve: deployment must fail and say why. */
@RequestScoped
public class RequestScopedService extends OtherServiceGrpc.OtherServiceImplBase {
}
