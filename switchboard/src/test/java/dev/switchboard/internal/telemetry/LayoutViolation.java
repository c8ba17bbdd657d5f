package dev.switchboard.internal.telemetry;

import dev.switchboard.internal.gateway.Routes;

/**
 * Breaks a layout rule on purpose, so that LayoutRulesTest shows the rule can fail. Test sources only: the real
 * check imports the main classes alone.
 */
final class LayoutViolation {

    Object broken() {
        return Routes.class;
    }
}
