package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @ParameterizedTest
    @CsvSource(value = {"NULL,''", "'',''", "/,''", "/api/v1,/api/v1", "api/v1/,/api/v1", "' /api ',/api"}, nullValues = "NULL")
    void normalizesTheBasePath(String value, String expected) {
        assertThat(Settings.basePath(value)).isEqualTo(expected);
    }
}
