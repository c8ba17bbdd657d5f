package dev.switchboard.internal.telemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Where Switchboard's OpenTelemetry comes from: the application's CDI bean of type {@link OpenTelemetry} when there
 * is one (on WildFly, MicroProfile Telemetry's when its subsystem is on), else {@link GlobalOpenTelemetry} when
 * something set it (the Java agent), else nothing: telemetry is off and its interceptor not in the chain.
 */
public final class TelemetrySource {

    private TelemetrySource() {
    }

    /** {@code bean}: the application's, or null. Null when telemetry is off. */
    public static OpenTelemetry choose(OpenTelemetry bean) {
        if (bean != null) {
            return bean;
        }
        // getOrNoop neither sets the no-op instance as global (get() would, and a later set() would then fail) nor
        // runs the SDK's autoconfiguration; the Java agent answers it with its own instance.
        OpenTelemetry global;
        try {
            global = GlobalOpenTelemetry.getOrNoop();
        } catch (NoSuchMethodError e) {
            // An older API than Switchboard's took precedence (WildFly 39's opentelemetry module is 1.48, without
            // getOrNoop): there the subsystem's CDI bean is the way in.
            return null;
        }
        return global == OpenTelemetry.noop() ? null : global;
    }
}
