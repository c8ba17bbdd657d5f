package dev.switchboard.internal;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.internal.grpc.NativeExchange;
import dev.switchboard.internal.grpc.NativeGrpc;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import dev.switchboard.internal.grpc.NativeExchange;
import dev.switchboard.internal.grpc.NativeGrpc;


/**
 * The rules that hold the package layout (see each package's package-info and docs/architecture.md): the two
 * protocols apart, the container seam and CORS free of Switchboard, Netty confined to the dedicated port, the public
 * API free of internals, the boot package on top. Each rule is also shown to fail on a class that breaks it on purpose
 * (a {@code LayoutViolation} in test sources of the package), so a rule that matched nothing would not pass unnoticed.
 */
class LayoutRulesTest {

    private static final String ROOT = "dev.switchboard";
    private static final String INTERNAL = "dev.switchboard.internal";

    static final ArchRule GRPC_AND_GATEWAY_APART = noClasses().that().resideInAPackage(INTERNAL + ".grpc..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL + ".gateway..")
            .because("gRPC calls and calls over plain HTTP are served by separate transports; what both need lives in chain or container");

    static final ArchRule GATEWAY_AND_GRPC_APART = noClasses().that().resideInAPackage(INTERNAL + ".gateway..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL + ".grpc..")
            .because("gRPC calls and calls over plain HTTP are served by separate transports; what both need lives in chain or container");

    static final ArchRule GRPC_WEB_TRANSLATES_GRPC = noClasses().that().resideInAPackage(INTERNAL + ".grpcweb..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL + ".gateway..")
            .because("gRPC-Web is a translation in front of the gRPC transports, not a call over plain HTTP");

    static final ArchRule CONTAINER_KNOWS_NO_SWITCHBOARD = noClasses().that().resideInAPackage(INTERNAL + ".container..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT, INTERNAL, INTERNAL + ".cdi..", INTERNAL + ".chain..",
                    INTERNAL + ".grpc..", INTERNAL + ".grpcweb..", INTERNAL + ".gateway..", INTERNAL + ".port..", INTERNAL + ".observe..",
                    INTERNAL + ".jetty..")
            .because("the container seam is about containers only, so that a quirk is fixed in one place for every protocol");

    static final ArchRule CORS_KNOWS_NO_SWITCHBOARD = noClasses().that().resideInAPackage(INTERNAL + ".cors..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT, INTERNAL, INTERNAL + ".cdi..", INTERNAL + ".chain..",
                    INTERNAL + ".grpc..", INTERNAL + ".gateway..", INTERNAL + ".port..", INTERNAL + ".observe..",
                    INTERNAL + ".container..")
            .because("CORS is a policy over HTTP headers; which requests it applies to, and how a refusal is answered in"
                    + " each protocol, is decided where requests are routed");

    static final ArchRule HTTP_RULES_ARE_TEXT = noClasses().that().resideInAPackage(INTERNAL + ".gateway.httprule..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT, INTERNAL, INTERNAL + ".cdi..", INTERNAL + ".chain..",
                    INTERNAL + ".grpc..", INTERNAL + ".grpcweb..", INTERNAL + ".gateway", INTERNAL + ".gateway.codec..",
                    INTERNAL + ".port..", INTERNAL + ".observe..", INTERNAL + ".container..", INTERNAL + ".cors..",
                    "jakarta.servlet..", "com.google.protobuf..", "io.grpc..")
            .because("path templates and their precedence are text matching, testable without a server; the gateway turns a"
                    + " match into a call");

    static final ArchRule OPENAPI_ONLY_DESCRIBES = noClasses().that().resideInAPackage(INTERNAL + ".openapi..")
            .should().dependOnClassesThat().resideInAnyPackage(INTERNAL + ".grpc..", INTERNAL + ".grpcweb..", INTERNAL + ".port..",
                    INTERNAL + ".chain..", INTERNAL + ".cdi..")
            .because("the API description is made from the gateway's routes and the messages' descriptors; it takes no part in calls");

    static final ArchRule TELEMETRY_IS_AN_INTERCEPTOR = noClasses().that().resideInAPackage(INTERNAL + ".telemetry..")
            .should().dependOnClassesThat().resideInAnyPackage(INTERNAL + ".grpc..", INTERNAL + ".grpcweb..",
                    INTERNAL + ".gateway..", INTERNAL + ".port..", INTERNAL + ".container..", INTERNAL + ".cdi..",
                    INTERNAL + ".observe..", INTERNAL + ".openapi..", INTERNAL + ".cors..", "jakarta.servlet..")
            .because("telemetry sees every protocol's calls alike, as one interceptor of the chain");

    static final ArchRule OPENTELEMETRY_IN_TELEMETRY = noClasses().that().resideOutsideOfPackages(INTERNAL + ".telemetry..",
                    INTERNAL + ".cdi..", INTERNAL)
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
            .because("OpenTelemetry is recorded in one place for every protocol (cdi finds the application's instance, the"
                    + " boot package hands it over)");

    static final ArchRule ONLY_PORT_USES_NETTY = noClasses().that().resideOutsideOfPackage(INTERNAL + ".port..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.grpc.netty..")
            .because("only the dedicated gRPC port runs a server of its own; everything else is served by the container");

    static final ArchRule ONLY_UNDERTOW_PACKAGE_USES_UNDERTOW = noClasses().that().resideOutsideOfPackage(INTERNAL + ".undertow..")
            .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..")
            .because("Undertow's API is linked only on Undertow, by the native transport's package; elsewhere its classes are absent");

    static final ArchRule UNDERTOW_PACKAGE_LOADED_BY_THE_CONTAINER = noClasses().that().resideOutsideOfPackage(INTERNAL + ".undertow..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL + ".undertow..")
            .because("the servlet container loads the Undertow transport (META-INF/services) and it finds Switchboard through the"
                    + " servlet context; a reference from elsewhere would link Undertow's classes on every container");

    static final ArchRule UNDERTOW_PACKAGE_USES_ONLY_THE_SEAM = classes().that().resideInAPackage(INTERNAL + ".undertow..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "jakarta.servlet..", "io.undertow..",
                    INTERNAL + ".undertow..").or(equivalentTo(NativeExchange.class)).or(equivalentTo(NativeExchange.Body.class))
                    .or(equivalentTo(NativeGrpc.class)))
            .because("a native transport adapts the container's request and response to NativeExchange and hands them to"
                    + " NativeGrpc; what a call needs beyond I/O is Switchboard's, on every transport alike. Not XNIO: a"
                    + " private module on WildFly, which WARs do not see");

    static final ArchRule ONLY_JETTY_PACKAGE_LINKS_JETTY = noClasses().that().resideInAnyPackage(ROOT, INTERNAL + "..")
            .and().resideOutsideOfPackage(INTERNAL + ".jetty..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
            .because("Jetty hides its classes from web applications unless told otherwise: one package links against them,"
                    + " loaded only where the web application sees them (the container package reaches Jetty by reflection)");

    static final ArchRule JETTY_PACKAGE_KNOWS_ONLY_THE_SEAM = classes().that().resideInAPackage(INTERNAL + ".jetty..")
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java..", "jakarta.servlet..",
                    "org.eclipse.jetty..", INTERNAL + ".jetty..").or(JavaClass.Predicates.belongToAnyOf(NativeExchange.class,
                    NativeGrpc.class)))
            .because("the Jetty-native transport adapts Jetty's core API to the NativeGrpc/NativeExchange seam; what it"
                    + " serves is Switchboard's, behind the seam");

    /**
     * The public API imports nothing internal — but {@link dev.switchboard.GrpcSecurity}, the facade that reads the
     * caller the interceptor chain put into the call's context.
     */
    static final ArchRule PUBLIC_API_FREE_OF_INTERNALS = noClasses().that().resideInAPackage(ROOT)
            .and().doNotHaveFullyQualifiedName(ROOT + ".GrpcSecurity")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL + "..")
            .because("what users compile against must not change when internals move");

    static final ArchRule BOOT_PACKAGE_ON_TOP = noClasses().that().resideInAPackage(INTERNAL + ".*..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL)
            .because("the boot package assembles the parts; the parts do not reach back into it");

    static final List<ArchRule> RULES = List.of(GRPC_AND_GATEWAY_APART, GATEWAY_AND_GRPC_APART, GRPC_WEB_TRANSLATES_GRPC,
            CONTAINER_KNOWS_NO_SWITCHBOARD, CORS_KNOWS_NO_SWITCHBOARD, HTTP_RULES_ARE_TEXT, OPENAPI_ONLY_DESCRIBES,
            TELEMETRY_IS_AN_INTERCEPTOR, OPENTELEMETRY_IN_TELEMETRY, ONLY_PORT_USES_NETTY, ONLY_UNDERTOW_PACKAGE_USES_UNDERTOW,
            UNDERTOW_PACKAGE_LOADED_BY_THE_CONTAINER, UNDERTOW_PACKAGE_USES_ONLY_THE_SEAM, PUBLIC_API_FREE_OF_INTERNALS,
            BOOT_PACKAGE_ON_TOP, ONLY_JETTY_PACKAGE_LINKS_JETTY, JETTY_PACKAGE_KNOWS_ONLY_THE_SEAM);

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theMainCodeKeepsEveryRule() {
        assertThat(MAIN.size()).as("classes imported").isGreaterThan(50);
        for (ArchRule rule : RULES) {
            rule.check(MAIN);
        }
    }

    @Test
    void everyRuleFailsOnAClassThatBreaksIt() throws ClassNotFoundException {
        List<Class<?>> violations = new java.util.ArrayList<>();
        for (String sub : List.of("grpc", "grpcweb", "gateway", "container", "chain", "cors", "gateway.httprule", "openapi",
                "telemetry", "undertow", "jetty")) {
            violations.add(Class.forName(INTERNAL + "." + sub + ".LayoutViolation"));
        }
        JavaClasses broken = new ClassFileImporter().importClasses(violations);
        for (ArchRule rule : List.of(GRPC_AND_GATEWAY_APART, GATEWAY_AND_GRPC_APART, GRPC_WEB_TRANSLATES_GRPC, CONTAINER_KNOWS_NO_SWITCHBOARD,
                CORS_KNOWS_NO_SWITCHBOARD, HTTP_RULES_ARE_TEXT, OPENAPI_ONLY_DESCRIBES, TELEMETRY_IS_AN_INTERCEPTOR,
                OPENTELEMETRY_IN_TELEMETRY, ONLY_PORT_USES_NETTY, ONLY_UNDERTOW_PACKAGE_USES_UNDERTOW,
                UNDERTOW_PACKAGE_LOADED_BY_THE_CONTAINER, UNDERTOW_PACKAGE_USES_ONLY_THE_SEAM, BOOT_PACKAGE_ON_TOP,
                ONLY_JETTY_PACKAGE_LINKS_JETTY, JETTY_PACKAGE_KNOWS_ONLY_THE_SEAM)) {
            EvaluationResult result = rule.evaluate(broken);
            assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        }
    }
}
