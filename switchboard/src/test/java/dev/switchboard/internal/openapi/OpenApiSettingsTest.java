package dev.switchboard.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.GrpcGateway;

/** Context-params win over the gateways' values; gateways that give values must agree; unset, the defaults. */
class OpenApiSettingsTest {

    private static final GrpcGateway DESCRIBED = GrpcGateway.builder().path("/a").openApiTitle("A").openApiVersion("2")
            .openApiServers("https://a.example.com", "https://b.example.com").build();

    @Test
    void gatewaysFillWhatNoContextParamSets() {
        OpenApiSettings settings = OpenApiSettings.of(true, true, null, "9", null, "/ctx", "Display")
                .withGateways(List.of(GrpcGateway.builder().build(), DESCRIBED));
        assertThat(settings.title()).isEqualTo("A");
        assertThat(settings.version()).as("the context-param wins").isEqualTo("9");
        assertThat(settings.servers()).containsExactly("https://a.example.com", "https://b.example.com");
    }

    @Test
    void withoutValuesTheDefaultsStay() {
        OpenApiSettings settings = OpenApiSettings.of(true, false, null, null, null, "/ctx", "Display")
                .withGateways(List.of(GrpcGateway.builder().build()));
        assertThat(settings.title()).isEqualTo("Display");
        assertThat(settings.version()).isEqualTo(OpenApiSettings.DEFAULT_VERSION);
        assertThat(settings.servers()).containsExactly("/ctx");
    }

    @Test
    void gatewaysThatDisagreeFailNamingBoth() {
        GrpcGateway other = GrpcGateway.builder().path("/b").openApiTitle("B").build();
        OpenApiSettings settings = OpenApiSettings.of(true, false, null, null, null, "", null);
        assertThatThrownBy(() -> settings.withGateways(List.of(DESCRIBED, other)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/a and /b").hasMessageContaining("[A, B]")
                .hasMessageContaining("switchboard.openapi.title");
        assertThat(OpenApiSettings.of(true, false, "Set", null, null, "", null).withGateways(List.of(DESCRIBED, other)).title())
                .as("no conflict when the context-param decides").isEqualTo("Set");
    }
}
