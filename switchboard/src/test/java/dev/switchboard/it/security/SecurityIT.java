package dev.switchboard.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.Clients;
import dev.switchboard.it.TestWars;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

/**
 * web.xml security constraints (BASIC, roles) protect both protocols; the caller's principal and roles reach service
 * code through GrpcSecurity; @RolesAllowed/@PermitAll on the service are enforced on both protocols.
 */
class SecurityIT {

    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>everything</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>switchboard</realm-name></login-config>
              <security-role><role-name>user</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
    private static EmbeddedJetty jetty;
    private static JettyEndpoints endpoints;
    private static EmbeddedJetty.Deployment deployment;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withTls(0, CERTIFICATE.keyStore(), CERTIFICATE.password()));
        jetty.addUser("alice", "alice-pw", "user", "admin");
        jetty.addUser("bob", "bob-pw", "user");
        jetty.addUser("carol", "carol-pw", "guest");
        endpoints = new JettyEndpoints(jetty.host(), jetty.httpPort(), jetty.httpsPort(), CERTIFICATE);
        Path war = Files.createTempFile(dir, "secure-", ".war");
        TestWars.war("ROOT.war", SecureGreeter.class, SecureGateway.class).addAsWebInfResource(new StringAsset(WEB_XML), "web.xml")
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        deployment = jetty.deploy(war, "/");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.undeploy(deployment);
        jetty.stop();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static GreeterGrpc.GreeterBlockingStub stub(ManagedChannel channel, String user, String password) {
        GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel);
        if (user == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), basic(user, password));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static HttpResponse<String> json(String method, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http("/grpc/securegreeter/" + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Status.Code grpcCode(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
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
    void containerConstraintsRefuseUnauthenticatedAndWrongRoleCallers() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            assertThat(grpcCode(() -> stub(channel, null, null).sayHello(HelloRequest.getDefaultInstance())))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(grpcCode(() -> stub(channel, "bob", "wrong").sayHello(HelloRequest.getDefaultInstance())))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(grpcCode(() -> stub(channel, "carol", "carol-pw").sayHello(HelloRequest.getDefaultInstance())))
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        } finally {
            Clients.close(channel);
        }
        assertThat(json("sayhello", null, null).statusCode()).isEqualTo(401);
        assertThat(json("sayhello", "carol", "carol-pw").statusCode()).isEqualTo(403);
    }

    @Test
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
}
