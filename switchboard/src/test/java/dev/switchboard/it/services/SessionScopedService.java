package dev.switchboard.it.services;

import dev.switchboard.test.v1.OtherServiceGrpc;
import jakarta.enterprise.context.SessionScoped;

/** A session-scoped service, which Switchboard cannot serve: deployment must fail and say why. */
@SessionScoped
public class SessionScopedService extends OtherServiceGrpc.OtherServiceImplBase implements java.io.Serializable {

    private static final long serialVersionUID = 1L;
}
