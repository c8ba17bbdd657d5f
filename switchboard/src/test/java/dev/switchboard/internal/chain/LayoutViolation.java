package dev.switchboard.internal.chain;

import dev.switchboard.internal.SwitchboardInitializer;

/**
 * Breaks a layout rule on purpose, so that LayoutRulesTest shows the rule can fail. Test sources only: the real
 * check imports the main classes alone.
 */
final class LayoutViolation {

    Object broken() {
        return new Object[] {SwitchboardInitializer.class, io.grpc.netty.shaded.io.netty.buffer.Unpooled.EMPTY_BUFFER,
                io.opentelemetry.api.OpenTelemetry.noop()};
    }
}
