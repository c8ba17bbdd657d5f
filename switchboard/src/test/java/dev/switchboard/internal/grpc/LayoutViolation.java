package dev.switchboard.internal.grpc;

import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.undertow.NativeTransportInitializer;
import io.undertow.server.HttpServerExchange;

/**
 * Breaks a layout rule on purpose, so that LayoutRulesTest shows the rule can fail. Test sources only: the real
 * check imports the main classes alone.
 */
final class LayoutViolation {

    Object broken() {
        return GatewayErrors.class;
    }

    Object undertowOutsideItsPackage() {
        return HttpServerExchange.class;
    }

    Object undertowPackageFromElsewhere() {
        return NativeTransportInitializer.class;
    }
}
