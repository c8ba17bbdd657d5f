package dev.switchboard.internal.gateway;

import dev.switchboard.internal.cdi.ServiceBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.GrpcGateway;
import dev.switchboard.test.v1.ConflictingLibraryServiceGrpc;
import dev.switchboard.test.v1.LibraryServiceGrpc;

/** The rules read from library.proto's annotations: what is served, what is listed, and rules that fail the deployment. */
class HttpRulesTest {

    static class Library extends LibraryServiceGrpc.LibraryServiceImplBase {
    }

    static class Conflicting extends ConflictingLibraryServiceGrpc.ConflictingLibraryServiceImplBase {
    }

    private static final ServiceBinding LIBRARY = new ServiceBinding("switchboard.test.v1.LibraryService", Library.class, "library",
            new Library().bindService(), List.of(), false);
    private static final ServiceBinding CONFLICTING = new ServiceBinding("switchboard.test.v1.ConflictingLibraryService",
            Conflicting.class, "conflicting", new Conflicting().bindService(), List.of(), false);
    private static final GrpcGateway GATEWAY = GrpcGateway.builder().exposeHttp(true).build();

    @Test
    void everyBindingIsListedWithItsMethodBodyAndResponseBody() {
        Routes routes = Routes.build("/api", List.of(GATEWAY), List.of(LIBRARY));
        assertThat(routes.httpRules()).extracting(r -> r.httpMethod() + " " + r.path() + " " + r.method().getName()
                + " body=" + r.body() + " response_body=" + r.responseBody()).containsExactly(
                "GET /api/v1/{name=shelves/*/books/*} GetBook body= response_body=",
                "GET /api/v1/books/{name=**} GetBook body= response_body=",
                "GET /api/v1/shelves/{shelf}/books ListBooks body= response_body=",
                "GET /api/v1/shelves/{shelf}/books:list ListBooks body= response_body=books",
                "POST /api/v1/shelves/{shelf}/books CreateBook body=book response_body=",
                "PATCH /api/v1/{book.name=shelves/*/books/*} UpdateBook body=book response_body=",
                "PUT /api/v1/{name=shelves/*/books/*} ReplaceBook body=* response_body=",
                "DELETE /api/v1/{name=shelves/*/books/*} DeleteBook body= response_body=",
                "POST /api/v1/{name=shelves/*/books/*}:archive ArchiveBook body=* response_body=",
                "MOVE /api/v1/{name=shelves/*/books/*} MoveBook body=* response_body=",
                "GET /api/v1/shelves/{shelf_id} GetShelf body= response_body=",
                "GET /api/v1/shelves/{shelf}:search Search body= response_body=",
                "GET /api/v1/shelves/{shelf}/books:watch WatchBooks body= response_body=",
                "GET /api/v1/shelves/{shelf}/titles:watch WatchBooks body= response_body=title",
                "POST /api/v1/shelves/{shelf}/books:batchCreate CreateBooks body=book response_body=",
                "GET /api/v1/{name=shelves/*/books/*}/cover GetCover body= response_body=",
                "PUT /api/v1/{name=shelves/*/books/*}/cover PutCover body=cover response_body=",
                "POST /api/v1/imports Import body=* response_body=");
    }

    @Test
    void aRequestFindsItsRuleUnderTheBasePath() {
        Routes routes = Routes.build("/api", List.of(GATEWAY), List.of(LIBRARY));
        Routes.Match match = routes.matchRule("GET", "/api/v1/shelves/7/books/8");
        assertThat(match.route().method().getMethodDescriptor().getFullMethodName()).isEqualTo("switchboard.test.v1.LibraryService/GetBook");
        assertThat(match.rule().variables()).isEqualTo(Map.of("name", "shelves/7/books/8"));
        assertThat(routes.matchRule("PATCH", "/api/v1/shelves/7/books").rule().allowed()).containsExactly("GET", "POST");
        assertThat(Routes.decisive(routes.matchRule("GET", "/api/v1/shelves/7/x/y"))).as("a 404 under /v1/shelves").isFalse();
        assertThat(routes.matchRule("GET", "/v1/shelves/7/books/8")).as("outside the base path").isNull();
        assertThat(routes.covers("/api/v1/books/x")).isTrue();
        assertThat(routes.covers("/api/v2")).isFalse();
    }

    @Test
    void theGatewaysMethodsLimitAndTheSwitchOffApply() {
        Routes getOnly = Routes.build("", List.of(GrpcGateway.builder().exposeHttp(true).httpMethods("GET").build()), List.of(LIBRARY));
        assertThat(getOnly.httpRules()).extracting(HttpRuleRoute::httpMethod).containsOnly("GET");
        assertThat(Routes.build("", List.of(GATEWAY), List.of(LIBRARY), false).httpRules()).isEmpty();
        assertThat(Routes.build("", List.of(GrpcGateway.builder().build()), List.of(LIBRARY)).httpRules())
                .as("a gateway without exposeHttp").isEmpty();
        GrpcGateway withoutRules = GrpcGateway.builder().exposeHttp(true).httpRules(false).build();
        assertThat(Routes.build("", List.of(withoutRules), List.of(LIBRARY)).httpRules()).as("a gateway's own switch").isEmpty();
        assertThat(Routes.build("", List.of(withoutRules, GATEWAY), List.of(LIBRARY)).httpRules())
                .as("another gateway of the same service still serves them").hasSize(18)
                .extracting(HttpRuleRoute::gateway).containsOnly(GATEWAY);
    }

    @Test
    void aMethodExposedByTwoGatewaysGetsItsRulesOnce() {
        Routes routes = Routes.build("", List.of(GATEWAY, GrpcGateway.builder().path("/other").exposeHttp(true).build()), List.of(LIBRARY));
        assertThat(routes.httpRules()).hasSize(18);
        assertThat(routes.httpRules()).extracting(HttpRuleRoute::gateway).containsOnly(GATEWAY);
    }

    @Test
    void pathVariablesMustNameASingleValue() {
        com.google.protobuf.Descriptors.Descriptor search = dev.switchboard.test.v1.SearchRequest.getDescriptor();
        assertThat(PathFields.problem(search, "filter.years.from")).isNull();
        assertThat(PathFields.problem(search, "since")).as("a Timestamp is one string").isNull();
        assertThat(PathFields.problem(search, "nope")).contains("has no field nope");
        assertThat(PathFields.problem(search, "tags")).contains("repeated");
        assertThat(PathFields.problem(search, "filter")).contains("message field");
        assertThat(PathFields.problem(search, "query.x")).contains("not a message");
    }

    @Test
    void identicalRulesFailTheDeploymentNamingBothMethods() {
        assertThatThrownBy(() -> Routes.build("", List.of(GATEWAY), List.of(LIBRARY, CONFLICTING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switchboard.test.v1.ConflictingLibraryService/FetchBook")
                .hasMessageContaining("switchboard.test.v1.LibraryService/GetBook")
                .hasMessageContaining("GET /v1/{name=shelves/*/books/*}");
        assertThat(Routes.build("", List.of(GATEWAY), List.of(CONFLICTING)).httpRules()).hasSize(1);
    }
}
