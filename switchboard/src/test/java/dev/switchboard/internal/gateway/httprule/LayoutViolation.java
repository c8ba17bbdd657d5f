package dev.switchboard.internal.gateway.httprule;

import dev.switchboard.internal.gateway.GatewayErrors;

/**
 * Breaks a layout rule on purpose, so that LayoutRulesTest shows the rule can fail. Test sources only: the real
 * check imports the main classes alone.
 */
final class LayoutViolation {

    Object broken() {
        return GatewayErrors.class;
    }
}
