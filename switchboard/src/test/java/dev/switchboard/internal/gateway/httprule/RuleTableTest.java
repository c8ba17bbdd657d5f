package dev.switchboard.internal.gateway.httprule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Which rule a request finds — precedence as Envoy and grpc-gateway resolve it, 405's methods — and rule conflicts. */
class RuleTableTest {

    private static RuleTable<String> table(String... methodAndTemplate) {
        RuleTable.Builder<String> builder = RuleTable.builder();
        for (String rule : methodAndTemplate) {
            String[] parts = rule.split(" ", 2);
            builder.add(parts[0], PathTemplate.parse(parts[1]), rule, "owner of " + rule);
        }
        return builder.build();
    }

    private static String found(RuleTable<String> table, String method, String path) {
        RuleTable.Lookup<String> lookup = table.find(method, path);
        return lookup instanceof RuleTable.Found<String> found ? found.rule().target() : null;
    }

    @Test
    void aLiteralBeatsAVariableWhateverTheOrder() {
        List<String> rules = List.of("GET /v1/shelves/special", "GET /v1/shelves/{shelf}", "GET /v1/{name=**}",
                "GET /v1/shelves/{shelf}/books/{book}", "GET /v1/shelves/{shelf}/books/first", "GET /v1/*/x", "GET /v1");
        // Every order of adding gives the same answers (seeded, so a failure can be replayed).
        Random random = new Random(20);
        for (int round = 0; round < 20; round++) {
            List<String> shuffled = new java.util.ArrayList<>(rules);
            java.util.Collections.shuffle(shuffled, random);
            RuleTable<String> table = table(shuffled.toArray(String[]::new));
            assertThat(found(table, "GET", "/v1/shelves/special")).as("%s", shuffled).isEqualTo("GET /v1/shelves/special");
            assertThat(found(table, "GET", "/v1/shelves/7")).isEqualTo("GET /v1/shelves/{shelf}");
            assertThat(found(table, "GET", "/v1/shelves/7/books/first")).isEqualTo("GET /v1/shelves/{shelf}/books/first");
            assertThat(found(table, "GET", "/v1/shelves/7/books/8")).isEqualTo("GET /v1/shelves/{shelf}/books/{book}");
            assertThat(found(table, "GET", "/v1/shelves/x")).as("the leftmost difference decides").isEqualTo("GET /v1/shelves/{shelf}");
            assertThat(found(table, "GET", "/v1/other/x")).as("* before **").isEqualTo("GET /v1/*/x");
            assertThat(found(table, "GET", "/v1/other/7/8")).isEqualTo("GET /v1/{name=**}");
            assertThat(found(table, "GET", "/v1")).as("an ended template before **").isEqualTo("GET /v1");
        }
    }

    @Test
    void aVerbBeatsNoVerbAndAnyMethodComesLast() {
        RuleTable<String> table = table("POST /v1/{name}", "POST /v1/{name}:cancel", "* /v1/{name}", "GET /v2/{name=**}");
        assertThat(found(table, "POST", "/v1/op:cancel")).isEqualTo("POST /v1/{name}:cancel");
        assertThat(found(table, "POST", "/v1/op")).isEqualTo("POST /v1/{name}");
        assertThat(found(table, "PUT", "/v1/op")).isEqualTo("* /v1/{name}");
        assertThat(((RuleTable.Found<String>) table.find("post", "/v1/op:cancel")).variables()).containsExactly(Map.entry("name", "op"));
    }

    @Test
    void betweenEquallySpecificTemplatesTheFirstAddedWins() {
        // Both match /a:b:run, cutting the verb at different ':' — so they sit under different first literals (a:b, a)
        assertThat(found(table("GET /a:b/**:run", "GET /a/**:b:run"), "GET", "/a:b:run")).isEqualTo("GET /a:b/**:run");
        assertThat(found(table("GET /a/**:b:run", "GET /a:b/**:run"), "GET", "/a:b:run")).isEqualTo("GET /a/**:b:run");
        assertThat(found(table("GET /v1/{x}:b:run", "GET /v1/*:run"), "GET", "/v1/x:b:run")).isEqualTo("GET /v1/{x}:b:run");
        assertThat(found(table("GET /v1/*:run", "GET /v1/{x}:b:run"), "GET", "/v1/x:b:run")).isEqualTo("GET /v1/*:run");
    }

    @Test
    void aPathWithOtherMethodsOnlyListsThem() {
        RuleTable<String> table = table("GET /v1/books/{id}", "DELETE /v1/books/{id}", "PATCH /v1/{name=books/*}", "POST /v1/books");
        assertThat(table.find("PUT", "/v1/books/1")).isEqualTo(new RuleTable.NotAllowed<String>(java.util.Set.of("DELETE", "GET", "PATCH")));
        assertThat(table.find("GET", "/v1/nothing/here/at/all")).isInstanceOf(RuleTable.NotFound.class);
        assertThat(table.find("GET", "/v1/books")).isEqualTo(new RuleTable.NotAllowed<String>(java.util.Set.of("POST")));
    }

    @Test
    void identicalRulesAreRefusedNamingBothOwners() {
        RuleTable.Builder<String> builder = RuleTable.<String>builder()
                .add("GET", PathTemplate.parse("/v1/{name=shelves/*}"), "a", "pkg.Library/GetShelf")
                .add("DELETE", PathTemplate.parse("/v1/{name=shelves/*}"), "b", "pkg.Library/DeleteShelf")
                .add("GET", PathTemplate.parse("/v1/shelves/{id}:x"), "c", "pkg.Library/X");
        assertThatThrownBy(() -> builder.add("get", PathTemplate.parse("/v1/shelves/{shelf_id}"), "d", "pkg.Other/Get"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pkg.Other/Get").hasMessageContaining("pkg.Library/GetShelf")
                .hasMessageContaining("GET /v1/shelves/{shelf_id}").hasMessageContaining("GET /v1/{name=shelves/*}");
    }

    @Test
    void coversThePathsUnderTheLiteralPrefixes() {
        RuleTable<String> table = table("GET /v1/shelves/{s}", "GET /{name=*}/x", "POST /v2:run");
        assertThat(table.covers("/v1/shelves")).isTrue();
        assertThat(table.covers("/v1/shelves/a/b")).isTrue();
        assertThat(table.covers("/v1/shelvesx")).isFalse();
        assertThat(table.covers("/v1")).isFalse();
        assertThat(table.covers("/v2:run")).isTrue();
        assertThat(table.covers("/index.html")).as("a template beginning with a variable claims no prefix").isFalse();
        assertThat(table.claims("/index.html")).isFalse();
        assertThat(table.claims("/anything/x")).as("but the paths it matches").isTrue();
        assertThat(table.claims("/v1/shelves/a/b")).isTrue();
    }

    @Test
    void badlyEncodedVariablesOfTheRuleFoundAreRefused() {
        RuleTable<String> table = table("GET /v1/{id}");
        assertThatThrownBy(() -> table.find("GET", "/v1/%zz")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }
}
