package dev.switchboard.internal.gateway.httprule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Path templates against the examples of {@code google/api/http.proto}'s documentation (the current text's and the
 * mapping table of its earlier versions), the spec's percent-decoding, and the template syntax's errors.
 */
class PathTemplateTest {

    private static Map<String, String> bind(String template, String path) {
        return PathTemplate.parse(template).bind(path);
    }

    @Test
    void theSpecsExamples() {
        // get: "/v1/{name=messages/*}" — GET /v1/messages/123456 → GetMessage(name: "messages/123456")
        assertThat(bind("/v1/{name=messages/*}", "/v1/messages/123456")).containsExactly(Map.entry("name", "messages/123456"));
        // get: "/v1/messages/{message_id}" — GET /v1/messages/123456?revision=2&sub.subfield=foo (the query is the gateway's)
        assertThat(bind("/v1/messages/{message_id}", "/v1/messages/123456")).containsExactly(Map.entry("message_id", "123456"));
        // patch: "/v1/messages/{message_id}" body: "message" — PATCH /v1/messages/123456
        assertThat(bind("/v1/messages/{message_id}", "/v1/messages/123456")).containsEntry("message_id", "123456");
        // additional_bindings { get: "/v1/users/{user_id}/messages/{message_id}" } — GET /v1/users/me/messages/123456
        assertThat(bind("/v1/users/{user_id}/messages/{message_id}", "/v1/users/me/messages/123456"))
                .containsExactly(Map.entry("user_id", "me"), Map.entry("message_id", "123456"));
        // the service config's selector example, and the earlier table's nested field:
        // GET /v1/messages/123456/foo → GetMessage(message_id: "123456" sub: SubMessage(subfield: "foo"))
        assertThat(bind("/v1/messages/{message_id}/{sub.subfield}", "/v1/messages/123456/foo"))
                .containsExactly(Map.entry("message_id", "123456"), Map.entry("sub.subfield", "foo"));
    }

    @Test
    void theIssuesForms() {
        assertThat(bind("/v1/{name=shelves/*/books/*}", "/v1/shelves/1/books/2")).containsExactly(Map.entry("name", "shelves/1/books/2"));
        assertThat(bind("/v1/{name=shelves/*/books/*}", "/v1/shelves/1/books")).isNull();
        assertThat(bind("/v1/{name=shelves/*/books/*}", "/v1/shelves/1/pages/2")).isNull();
        assertThat(bind("/v1/{book.name}", "/v1/b")).containsExactly(Map.entry("book.name", "b"));
        assertThat(bind("/v1/{field=*}", "/v1/x")).containsExactly(Map.entry("field", "x"));
        assertThat(bind("/v1/{field=**}", "/v1/a/b/c")).containsExactly(Map.entry("field", "a/b/c"));
        assertThat(bind("/v1/{field=**}", "/v1")).containsExactly(Map.entry("field", ""));
        assertThat(bind("/v1/files/**", "/v1/files/a/b")).isEmpty();
        assertThat(bind("/v1/*/x", "/v1/anything/x")).isEmpty();
        assertThat(bind("/v1/*/x", "/v1//x")).as("* is one segment, not none").isNull();
        assertThat(bind("/v1/{name=projects/*}:cancel", "/v1/projects/p:cancel")).containsExactly(Map.entry("name", "projects/p"));
        assertThat(bind("/v1/{name=projects/*}:cancel", "/v1/projects/p")).isNull();
        assertThat(bind("/v1/{name=projects/*}:cancel", "/v1/projects/p:undo")).isNull();
        assertThat(bind("/v1/{name=**}:watch", "/v1/a/b:watch")).containsExactly(Map.entry("name", "a/b"));
        assertThat(bind("/v1/{id}", "/v1/x:y")).as("without a verb in the template, ':' is data").containsExactly(Map.entry("id", "x:y"));
        assertThat(bind("/v1/{id}", "/v1/x/y")).isNull();
        assertThat(bind("/v1/{id}", "/v1/x/")).isNull();
        assertThat(bind("/v1/messages", "/v2/messages")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // template            | path                   | value
        "/v1/{v}               | /v1/a%2Fb              | a/b",
        "/v1/{v=*}             | /v1/a%2fb%20c          | a/b c",
        "/v1/{v}               | /v1/%E2%82%AC%3F%23    | €?#",
        "/v1/{v=**}            | /v1/a%2Fb/c            | a%2Fb/c",
        "/v1/{v=**}            | /v1/a%2fb/c%20d        | a%2fb/c d",
        "/v1/{v=shelves/*}     | /v1/shelves/a%2Fb      | shelves/a%2Fb",
        "/v1/{v=shelves/*}     | /v1/shelves/%7Ex%25    | shelves/~x%",
        "/v1/{v}               | /v1/a+b                | a+b",
        "/v1/{v}               | /v1/%252F              | %2F",
    })
    void percentDecodingAsTheSpecSays(String template, String path, String value) {
        assertThat(bind(template, path)).containsExactly(Map.entry("v", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/%ZZ", "/v1/%2", "/v1/%FF", "/v1/%C3%28"})
    void badEncodingIsRefusedNamingTheVariable(String path) {
        assertThatThrownBy(() -> bind("/v1/{v}", path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Path variable v: ");
    }

    @Test
    void literalsCompareWithTheDecodedSegment() {
        assertThat(PathTemplate.parse("/v1/messages").matches("/v1/mess%61ges")).isTrue();
        assertThat(PathTemplate.parse("/v1/messages").matches("/v1/messages%2F")).isFalse();
        assertThat(PathTemplate.parse("/v1/messages").matches("/v1/%ZZ")).isFalse();
    }

    @Test
    void shapesAndPrefixes() {
        assertThat(PathTemplate.parse("/v1/{name=shelves/*/books/*}").shape()).isEqualTo("/v1/shelves/*/books/*");
        assertThat(PathTemplate.parse("/v1/shelves/{s}/books/{b}").shape()).isEqualTo("/v1/shelves/*/books/*");
        assertThat(PathTemplate.parse("/v1/{name=**}:get").shape()).isEqualTo("/v1/**:get");
        assertThat(PathTemplate.parse("/v1/shelves/{s}").literalPrefix()).isEqualTo("/v1/shelves");
        assertThat(PathTemplate.parse("/{s}/x").literalPrefix()).isEmpty();
        assertThat(PathTemplate.parse("/v1/{a}/{b.c}").fieldPaths()).containsExactly("a", "b.c");
        assertThat(PathTemplate.parse("/v1/{a}:go").verb()).isEqualTo("go");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v1/x                  | must begin with /",
        "/                     | a segment is empty",
        "/v1//x                | a segment is empty",
        "/v1/x/                | a segment is empty",
        "/v1/**/x              | ** must be the last segment",
        "/v1/{a=**}/x          | ** must be the last segment",
        "/v1/{a={b}}           | no '}' before the next '{'",
        "/v1/{a                | no '}' before the next '{'",
        "/v1/{1a}              | is not a field path",
        "/v1/{a.}              | is not a field path",
        "/v1/{a}/{a}           | appears twice",
        "/v1/{a}x              | a variable must be a whole segment",
        "/v1/x:                | the verb after ':' must be a literal",
        "/v1/x*y               | is neither *, ** nor a literal",
    })
    void malformedTemplatesSayWhy(String template, String why) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a path template").hasMessageContaining(why);
    }
}
