package dev.switchboard.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

class ReadinessCheckTest {

    @Test
    void upWhileServingWithEachServiceAsDataThenDown() {
        HealthRegistry health = new HealthRegistry();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus("Greeter", ServingStatus.NOT_SERVING);
        ReadinessCheck check = new ReadinessCheck(health, List.of("Greeter"));

        HealthCheckResponse up = check.call();
        assertThat(up.getName()).isEqualTo("switchboard-grpc");
        assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(up.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("Greeter", "NOT_SERVING"));

        health.enterShutdown();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
}
