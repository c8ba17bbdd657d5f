package dev.switchboard.internal.jetty;

import dev.switchboard.internal.chain.CallerIdentity;

/**
 * Breaks a layout rule on purpose, so that LayoutRulesTest shows the rule can fail. Test sources only: the real
 * check imports the main classes alone.
 */
final class LayoutViolation {

    Object broken() {
        return CallerIdentity.current();
    }
}
