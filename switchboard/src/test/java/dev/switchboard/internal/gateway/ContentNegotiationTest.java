package dev.switchboard.internal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentNegotiationTest {

    @ParameterizedTest
    @CsvSource({
        "application/json, true", "application/json; charset=utf-8, true", "Application/JSON;charset=\"UTF-8\", true",
        "application/vnd.api+json, true", "application/json; charset=iso-8859-1, false", "text/plain, false",
        "application/x-www-form-urlencoded, false", "application/proto, false"
    })
    void acceptsJsonInUtf8Only(String contentType, boolean json) {
        assertThat(ContentNegotiation.isJson(contentType)).isEqualTo(json);
    }
}
