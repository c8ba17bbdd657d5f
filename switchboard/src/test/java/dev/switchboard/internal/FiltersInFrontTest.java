package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which application filters keep unary gRPC calls on the servlet layer: those whose mapping would see a method's path. */
class FiltersInFrontTest {

    private static final List<String> METHODS = List.of("shop.Orders/Place", "grpc.health.v1.Health/Check");

    @Test
    void aFilterOverEveryPathOrTheMethodsServiceKeepsCallsOnTheServletLayer() {
        assertThat(new FiltersInFront(Map.of("audit", List.of("/*"))).firstOver(METHODS)).isEqualTo("audit (/*)");
        assertThat(new FiltersInFront(Map.of("orders", List.of("/shop.Orders/*"))).firstOver(METHODS)).isEqualTo("orders (/shop.Orders/*)");
        assertThat(new FiltersInFront(Map.of("one", List.of("/shop.Orders/Place"))).firstOver(METHODS)).isNotNull();
        assertThat(new FiltersInFront(Map.of("default", List.of("/"))).firstOver(METHODS)).isNotNull();
        assertThat(new FiltersInFront(Map.of("named", List.of("servlet:default"))).firstOver(METHODS)).isNotNull();
    }

    @Test
    void aFilterElsewhereDoesNot() {
        FiltersInFront filters = new FiltersInFront(Map.of(
                "api", List.of("/api/*", "/shop.Orders"),
                "pages", List.of("*.jsp", "/index.html"),
                "near", List.of("/shop.Ord/*")));
        assertThat(filters.firstOver(METHODS)).isNull();
        assertThat(new FiltersInFront(Map.of()).firstOver(METHODS)).isNull();
    }

    @Test
    void matchesTheServletSpecificationsPatterns() {
        assertThat(FiltersInFront.matches("/a/*", "/a")).isTrue();
        assertThat(FiltersInFront.matches("/a/*", "/a/b/c")).isTrue();
        assertThat(FiltersInFront.matches("/a/*", "/ab")).isFalse();
        assertThat(FiltersInFront.matches("*.Check", "/grpc.health.v1.Health/x.Check")).isTrue();
        assertThat(FiltersInFront.matches("*.v1", "/grpc.health.v1.Health/Check")).isFalse();
    }
}
