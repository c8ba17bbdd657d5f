package dev.switchboard.internal.container;

import dev.switchboard.internal.chain.CallerIdentity;

/**
 * Breaks a layout rule on purpose, so that LayoutRulesTest shows the rule can fail. Test sources only: the real
 * check imports the main classes alone.
 */
final class LayoutViolation {

    Object broken() {
        return CallerIdentity.current();
    }

    /** Jetty's own API outside internal.jetty. */
    Class<?> jetty() {
        return org.eclipse.jetty.server.Request.class;
    }
}
