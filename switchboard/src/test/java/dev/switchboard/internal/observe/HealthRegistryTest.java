package dev.switchboard.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

class HealthRegistryTest {

    @Test
    void statusesUntilShutdownThenNotServingForGood() {
        HealthRegistry health = new HealthRegistry();
        assertThat(health.status("Greeter")).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
        health.setStatus("Greeter", ServingStatus.SERVING);
        health.setStatus("", ServingStatus.SERVING);
        assertThat(health.status("Greeter")).isEqualTo(ServingStatus.SERVING);
        health.enterShutdown();
        assertThat(health.status("Greeter")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(health.status("")).isEqualTo(ServingStatus.NOT_SERVING);
        health.setStatus("Greeter", ServingStatus.SERVING);
        assertThat(health.status("Greeter")).isEqualTo(ServingStatus.NOT_SERVING);
    }
}
