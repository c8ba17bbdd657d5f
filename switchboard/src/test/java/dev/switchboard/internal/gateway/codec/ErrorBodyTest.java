package dev.switchboard.internal.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.grpc.Status;

class ErrorBodyTest {

    @Test
    void carriesTheSeedsDetailAndConnectsCodeAndMessage() {
        JsonObject body = JsonParser.parseString(ErrorBody.of(Status.INVALID_ARGUMENT.withDescription("Invalid request")))
                .getAsJsonObject();
        assertThat(body.get("detail").getAsString()).isEqualTo("Invalid request");
        assertThat(body.get("message").getAsString()).isEqualTo("Invalid request");
        assertThat(body.get("code").getAsString()).isEqualTo("invalid_argument");
    }

    @Test
    void withoutDescriptionNamesTheCode() {
        JsonObject body = JsonParser.parseString(ErrorBody.of(Status.NOT_FOUND)).getAsJsonObject();
        assertThat(body.get("detail").getAsString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void neverCarriesTheCause() {
        String body = ErrorBody.of(Status.UNKNOWN.withCause(new IllegalStateException("secret")));
        assertThat(body).doesNotContain("secret").doesNotContain("IllegalStateException");
    }

    @Test
    void escapesQuotesAndControlCharacters() {
        String description = "say \"hi\"\n\\ ünïcödé";
        JsonObject body = JsonParser.parseString(ErrorBody.of(Status.ABORTED.withDescription(description))).getAsJsonObject();
        assertThat(body.get("detail").getAsString()).isEqualTo(description);
    }
}
