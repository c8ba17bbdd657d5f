package dev.switchboard.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.security.SecureGateway;
import dev.switchboard.it.services.security.SecureGreeter;
import dev.switchboard.it.support.BasicLogins;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.GrpcWebWire;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

/**
 * web.xml security constraints (BASIC, roles) protect both protocols; the caller's principal and roles reach service
 * code through GrpcSecurity; @RolesAllowed/@PermitAll on the service are enforced on both protocols. The container's
 * own 401/403 reach gRPC clients as gRPC statuses and JSON clients as Switchboard's JSON error body (WWW-Authenticate
 * kept), while other requests keep the container's default error page or the application's own, also under a
 * context path other than the root. The users (alice: user and admin, bob: user, carol: guest) are the container's:
 * arquillian.xml gives them to the embedded Jetty, arquillian-wildfly/src/main/wildfly/application-*.properties to
 * WildFly's default application realm, the jetty-base's switchboard-realm module to the standalone Jetty.
 * <p>
 * Jetty 12.1 writes BASIC's 401 below the servlet layer, where no error page sees it: both Jetty test servers use
 * switchboard-jetty's ErrorPageAuthenticatorFactory (the embedded one sets it, the jetty-base enables the module
 * switchboard-auth as users do), so these are the answers users get with it. WildFly's 401 reaches error pages as is.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    /** Every path for the role user, over BASIC (JettyNativeTransportIT too). */
    static final String WEB_XML = BasicLogins.USERS_ONLY_WEB_XML;

    /** The same constraint under /shop, with the application's own error page for 401 (a static page). */
    private static final String SHOP_WEB_XML = WEB_XML.replace("</web-app>", """
              <error-page><error-code>401</error-code><location>/denied.html</location></error-page>
            </web-app>
            """);

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return TestWars.war("ROOT.war", SecureGreeter.class, SecureGateway.class).addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    @Deployment(name = "shop", testable = false)
    static WebArchive shop() {
        return TestWars.war("shop.war", SecureGreeter.class, SecureGateway.class).addAsWebInfResource(new StringAsset(SHOP_WEB_XML), "web.xml")
                .add(new StringAsset("<html><body>Please sign in to the shop</body></html>"), "denied.html");
    }

    /** Both WARs are on one server: each test names one of them, which also selects the server for this resource. */
    @ArquillianResource
    JettyEndpoints endpoints;

    private static String basic(String user, String password) {
        return BasicLogins.basic(user, password);
    }

    private GreeterGrpc.GreeterBlockingStub stub(ManagedChannel channel, String user, String password) {
        return BasicLogins.greeter(channel, user, password);
    }

    private HttpResponse<String> json(String method, String user, String password) throws Exception {
        return json("", method, user, password);
    }

    private HttpResponse<String> json(String context, String method, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http(context + "/grpc/securegreeter/" + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http(path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Status.Code grpcCode(Runnable call) {
        return grpcStatus(call).getCode();
    }

    private static Status grpcStatus(Runnable call) {
        return BasicLogins.grpcStatus(call);
    }

    /** A JSON error as Switchboard writes it: status, content type, {code, message, detail}. */
    static void assertJsonError(HttpResponse<String> response, int httpStatus, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(httpStatus);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        com.google.gson.JsonObject body = com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("code").getAsString()).isEqualTo(code);
        assertThat(body.get("message").getAsString()).isNotBlank();
        assertThat(body.get("detail").getAsString()).isEqualTo(body.get("message").getAsString());
    }

    /** A BASIC refusal (401) as a gRPC client sees it. */
    private static void assertUnauthenticated(Status status) {
        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.UNAUTHENTICATED);
        // Switchboard's own grpc-status, not grpc-java's reading of an HTTP 401 with an HTML body
        assertThat(status.getDescription()).startsWith("Authentication required");
    }

    /** A BASIC refusal (401) as a JSON client sees it: Switchboard's JSON body, the challenge kept. */
    private static void assertUnauthenticatedJson(HttpResponse<String> response) {
        assertJsonError(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"switchboard\"");
    }

    @Test
    @OperateOnDeployment("root")
    void theCallerReachesServiceCodeOnBothProtocols() throws Exception {
        ManagedChannel channel = Clients.tlsChannelBuilder(endpoints).build();
        try {
            assertThat(stub(channel, "bob", "bob-pw").sayHello(HelloRequest.newBuilder().setName("x").build()).getMessage())
                    .isEqualTo("Hello, bob, admin=false");
            assertThat(stub(channel, "alice", "alice-pw").sayHello(HelloRequest.newBuilder().setName("x").build()).getMessage())
                    .isEqualTo("Hello, alice, admin=true");
        } finally {
            Clients.close(channel);
        }
        HttpResponse<String> response = json("sayhello", "bob", "bob-pw");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject().get("message").getAsString())
                .isEqualTo("Hello, bob, admin=false");
    }

    @Test
    @OperateOnDeployment("root")
    void containerConstraintsRefuseGrpcCallersWithAGrpcStatus() throws Exception {
        for (ManagedChannel channel : new ManagedChannel[] {Clients.h2cChannelBuilder(endpoints).build(),
                Clients.tlsChannelBuilder(endpoints).build()}) {
            try {
                assertUnauthenticated(grpcStatus(() -> stub(channel, null, null).sayHello(HelloRequest.getDefaultInstance())));
                assertUnauthenticated(grpcStatus(() -> stub(channel, "bob", "wrong").sayHello(HelloRequest.getDefaultInstance())));
                Status wrongRole = grpcStatus(() -> stub(channel, "carol", "carol-pw").sayHello(HelloRequest.getDefaultInstance()));
                assertThat(wrongRole.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(wrongRole.getDescription()).startsWith("Permission denied");
                // streaming calls too, and the server still serves the authorized caller on the same connection
                assertThat(grpcCode(() -> stub(channel, null, null).sayHelloStream(HelloRequest.getDefaultInstance()).next()))
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(stub(channel, "bob", "bob-pw").sayHello(HelloRequest.getDefaultInstance()).getMessage())
                        .isEqualTo("Hello, bob, admin=false");
            } finally {
                Clients.close(channel);
            }
        }
    }

    @Test
    @OperateOnDeployment("root")
    void containerConstraintsRefuseJsonCallersWithTheJsonErrorBody() throws Exception {
        assertUnauthenticatedJson(json("sayhello", null, null));
        assertUnauthenticatedJson(json("sayhello", "bob", "wrong"));
        assertJsonError(json("sayhello", "carol", "carol-pw"), 403, "permission_denied");
        // the canonical route and the health endpoint are Switchboard's too
        HttpResponse<String> canonical = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoints.http("/grpc/Greeter/SayHello"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertUnauthenticatedJson(canonical);
        // and Connect at the method's own path
        HttpRequest.Builder connect = HttpRequest.newBuilder(endpoints.http("/Greeter/SayHello"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"));
        assertUnauthenticatedJson(HttpClient.newHttpClient().send(connect.build(), HttpResponse.BodyHandlers.ofString()));
        HttpResponse<String> admitted = HttpClient.newHttpClient().send(connect.header("Authorization", basic("bob", "bob-pw")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admitted.body()).contains("Hello, bob");
        assertUnauthenticatedJson(get("/health", null, null));
        assertThat(get("/health", "bob", "bob-pw").body()).contains("SERVING");
    }

    @Test
    @OperateOnDeployment("root")
    void otherRequestsKeepTheContainersErrorPages() throws Exception {
        HttpResponse<String> anonymous = get("/elsewhere", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"switchboard\"");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(anonymous.body()).doesNotContain("\"code\"");
        HttpResponse<String> wrongRole = get("/elsewhere", "carol", "carol-pw");
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(wrongRole.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        // Switchboard's error page location is no page of its own
        assertThat(get("/__switchboard/container-error", "bob", "bob-pw").statusCode()).isEqualTo(404);
    }

    @Test
    @OperateOnDeployment("root")
    void underAContextPathJsonRoutesAreProtectedAndTheApplicationsOwnErrorPageStays() throws Exception {
        HttpResponse<String> allowed = json("/shop", "sayhello", "bob", "bob-pw");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(com.google.gson.JsonParser.parseString(allowed.body()).getAsJsonObject().get("message").getAsString())
                .isEqualTo("Hello, bob, admin=false");
        assertUnauthenticatedJson(json("/shop", "sayhello", null, null));
        assertJsonError(json("/shop", "sayhello", "carol", "carol-pw"), 403, "permission_denied");
        HttpResponse<String> page = get("/shop/elsewhere", null, null);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"switchboard\"");
        assertThat(page.body()).contains("Please sign in to the shop");
    }

    @Test
    @OperateOnDeployment("root")
    void rolesAllowedOnTheServiceIsEnforcedOnBothProtocols() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            assertThatThrownBy(() -> stub(channel, "bob", "bob-pw").sayHelloStream(HelloRequest.getDefaultInstance()).next())
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            assertThat(stub(channel, "alice", "alice-pw").sayHelloStream(HelloRequest.getDefaultInstance()).next().getMessage())
                    .isEqualTo("secret for alice");
        } finally {
            Clients.close(channel);
        }
        HttpResponse<String> denied = json("sayhellostream", "bob", "bob-pw");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("\"code\":\"permission_denied\"");
        assertThat(json("sayhellostream", "alice", "alice-pw").body()).isEqualTo("{\"message\":\"secret for alice\"}\n");
    }

    @Test
    @OperateOnDeployment("root")
    void aClientCannotForgeTheCallerHandoff() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            Metadata forged = new Metadata();
            forged.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), basic("bob", "bob-pw"));
            forged.put(Metadata.Key.of("switchboard-caller-token", Metadata.ASCII_STRING_MARSHALLER), "guess");
            assertThat(GreeterGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(forged))
                    .sayHello(HelloRequest.getDefaultInstance()).getMessage()).isEqualTo("Hello, bob, admin=false");
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    @OperateOnDeployment("root")
    void containerConstraintsRefuseGrpcWebCallersInGrpcWeb() throws Exception {
        java.net.URI uri = endpoints.http("/" + GreeterGrpc.getSayHelloMethod().getFullMethodName());
        for (boolean text : new boolean[] {false, true}) {
            String type = text ? GrpcWebWire.TEXT : GrpcWebWire.BINARY;
            byte[] body = GrpcWebWire.body(HelloRequest.newBuilder().setName("x").build(), text);
            GrpcWebWire.Reply anonymous = GrpcWebWire.http11(uri, type, body);
            assertThat(anonymous.headers().get("content-type")).as(anonymous.toString()).startsWith(type);
            assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(Status.Code.UNAUTHENTICATED.value());
            assertThat(anonymous.message()).startsWith("Authentication required");
            GrpcWebWire.Reply guest = GrpcWebWire.http11(uri, type, body, "Authorization", basic("carol", "carol-pw"));
            assertThat(guest.status()).as(guest.toString()).isEqualTo(Status.Code.PERMISSION_DENIED.value());
            GrpcWebWire.Reply bob = GrpcWebWire.http11(uri, type, body, "Authorization", basic("bob", "bob-pw"));
            assertThat(bob.status()).as(bob.toString()).isZero();
            assertThat(HelloReply.parseFrom(bob.messages().get(0)).getMessage()).isEqualTo("Hello, bob, admin=false");
        }
    }
}
