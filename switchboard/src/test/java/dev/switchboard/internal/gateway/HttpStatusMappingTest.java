package dev.switchboard.internal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grpc.Status;

class HttpStatusMappingTest {

    /** DESIGN.md's table, row by row (google/rpc/code.proto). */
    @ParameterizedTest
    @CsvSource({
        "OK, 200", "CANCELLED, 499", "UNKNOWN, 500", "INVALID_ARGUMENT, 400", "DEADLINE_EXCEEDED, 504",
        "NOT_FOUND, 404", "ALREADY_EXISTS, 409", "PERMISSION_DENIED, 403", "RESOURCE_EXHAUSTED, 429",
        "FAILED_PRECONDITION, 400", "ABORTED, 409", "OUT_OF_RANGE, 400", "UNIMPLEMENTED, 501", "INTERNAL, 500",
        "UNAVAILABLE, 503", "DATA_LOSS, 500", "UNAUTHENTICATED, 401"
    })
    void mapsEachCode(Status.Code code, int http) {
        assertThat(HttpStatusMapping.httpStatus(code)).isEqualTo(http);
    }

    @Test
    void everyCodeHasARow() {
        assertThat(Arrays.stream(Status.Code.values()).map(HttpStatusMapping::httpStatus)).allMatch(s -> s >= 200 && s < 600);
        assertThat(Status.Code.values()).hasSize(17);
    }
}
