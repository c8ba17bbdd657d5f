package dev.switchboard.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** HttpRule paths written as OpenAPI paths: a parameter per segment, named after the collection before it. */
class RuleRoutesTest {

    private static String expanded(String rulePath, List<String> parameters) {
        List<ApiRoute.PathParameter> found = new ArrayList<>();
        String path = RuleRoutes.expand(rulePath, found);
        for (ApiRoute.PathParameter parameter : found) {
            parameters.add(parameter.name() + "=" + parameter.field() + (parameter.spansSegments() ? "**" : ""));
        }
        return path;
    }

    @Test
    void singleSegmentVariablesKeepTheirFieldsName() {
        List<String> parameters = new ArrayList<>();
        assertThat(expanded("/api/v1/shelves/{shelf}/books/{book_id=*}:archive", parameters))
                .isEqualTo("/api/v1/shelves/{shelf}/books/{book_id}:archive");
        assertThat(parameters).containsExactly("shelf=shelf", "book_id=book_id");
    }

    @Test
    void multiSegmentVariablesAreWrittenOutAParameterPerWildcard() {
        List<String> parameters = new ArrayList<>();
        assertThat(expanded("/v1/{name=shelves/*/books/*}/cover", parameters)).isEqualTo("/v1/shelves/{shelf}/books/{book}/cover");
        assertThat(parameters).containsExactly("shelf=name", "book=name");
        parameters.clear();
        assertThat(expanded("/v1/{book.name=warehouses/*/categories/*/items/**}", parameters))
                .isEqualTo("/v1/warehouses/{warehouse}/categories/{category}/items/{item}");
        assertThat(parameters).containsExactly("warehouse=book.name", "category=book.name", "item=book.name**");
    }

    @Test
    void aDoubleWildcardAloneIsOneParameterAndNamesNeverRepeat() {
        List<String> parameters = new ArrayList<>();
        assertThat(expanded("/v1/books/{name=**}", parameters)).isEqualTo("/v1/books/{name}");
        assertThat(parameters).containsExactly("name=name**");
        parameters.clear();
        assertThat(expanded("/v1/{a=books/*}/{b=books/*}", parameters)).isEqualTo("/v1/books/{book}/books/{book2}");
        assertThat(parameters).containsExactly("book=a", "book2=b");
    }
}
