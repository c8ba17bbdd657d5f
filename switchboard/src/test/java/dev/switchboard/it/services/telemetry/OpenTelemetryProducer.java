package dev.switchboard.it.services.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Offers the deployment's {@link InMemoryOpenTelemetry} as the application's OpenTelemetry bean. */
@ApplicationScoped
public class OpenTelemetryProducer {

    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
        return InMemoryOpenTelemetry.SDK;
    }
}
