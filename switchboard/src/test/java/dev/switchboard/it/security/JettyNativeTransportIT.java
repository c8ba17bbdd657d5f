package dev.switchboard.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.internal.jetty.JettyGrpcHandler;
import dev.switchboard.it.services.security.SecureGreeter;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.OnEmbeddedJetty;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

/**
 * Where EmbeddedJetty shows Jetty's classes to web applications (its default), Switchboard serves unary gRPC calls on
 * Jetty's core API: its handler sits between the context's security handler and its servlet handler, serves the calls
 * (it counts them), and web.xml's constraint (SecurityIT's) and BASIC login still apply to them; a redeployed WAR's
 * new context has its own. With {@code -Dswitchboard.test.jetty.native=false} (the fallback execution) there is none
 * and the servlet layer serves the same calls.
 */
class JettyNativeTransportIT extends OnEmbeddedJetty {

    private static final boolean NATIVE = !"false".equals(System.getProperty(EmbeddedJetty.NATIVE_TRANSPORT_PROPERTY));

    private EmbeddedJetty.Deployment deployment;

    @BeforeAll
    static void users() {
        jetty.addUser("bob", "bob-pw", "user");
        jetty.addUser("alice", "alice-pw", "user", "admin");
    }

    @AfterEach
    void undeploy() throws Exception {
        if (deployment != null) {
            jetty.undeploy(deployment);
        }
    }

    private static Path war() {
        return Servers.export(TestWars.war("ROOT.war", SecureGreeter.class)
                .addAsWebInfResource(new StringAsset(SecurityIT.WEB_XML), "web.xml"), dir);
    }

    private static GreeterGrpc.GreeterBlockingStub stub(ManagedChannel channel, String user, String password) {
        GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel);
        if (user == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static List<JettyGrpcHandler> handlers(WebAppContext context) {
        return context.getDescendants(JettyGrpcHandler.class);
    }

    @Test
    void servesUnaryCallsBehindTheContextsSecurity() throws Exception {
        deployment = jetty.deploy(war(), "/");
        WebAppContext context = deployment.webAppContext();
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            if (!NATIVE) {
                assertThat(handlers(context)).as("the fallback: Jetty's classes hidden, no native transport").isEmpty();
                assertThat(stub(channel, "bob", "bob-pw").sayHello(HelloRequest.getDefaultInstance()).getMessage())
                        .isEqualTo("Hello, bob, admin=false");
                return;
            }
            assertThat(handlers(context)).hasSize(1);
            JettyGrpcHandler handler = handlers(context).get(0);
            assertThat(context.getSecurityHandler().getHandler()).as("after the security handler").isSameAs(handler);
            assertThat(handler.getHandler()).as("before the servlet handler").isSameAs(context.getServletHandler());

            StatusRuntimeException anonymous = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub(channel, null, null).sayHello(HelloRequest.getDefaultInstance()));
            assertThat(anonymous.getStatus().getCode()).as(anonymous.getStatus().toString()).isEqualTo(Status.Code.UNAUTHENTICATED);
            StatusRuntimeException wrongPassword = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub(channel, "bob", "wrong").sayHello(HelloRequest.getDefaultInstance()));
            assertThat(wrongPassword.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(handler.calls()).as("the container refused them before the native transport").isZero();

            for (int i = 0; i < 3; i++) {
                assertThat(stub(channel, "bob", "bob-pw").sayHello(HelloRequest.getDefaultInstance()).getMessage())
                        .isEqualTo("Hello, bob, admin=false");
            }
            assertThat(handler.calls()).as("served on Jetty's core API").isEqualTo(3);
            // streaming calls too, behind the same security handler
            assertThat(stub(channel, "alice", "alice-pw").sayHelloStream(HelloRequest.getDefaultInstance()).next().getMessage())
                    .isEqualTo("secret for alice");
            assertThat(handler.calls()).as("the streaming call served on Jetty's core API").isEqualTo(4);
            StatusRuntimeException streamingAnonymous = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub(channel, null, null).sayHelloStream(HelloRequest.getDefaultInstance()).next());
            assertThat(streamingAnonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(handler.calls()).isEqualTo(4);
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void aRedeployedWarServesOnItsNewContextsHandler() throws Exception {
        jetty.undeploy(jetty.deploy(war(), "/"));
        deployment = jetty.deploy(war(), "/");
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            assertThat(stub(channel, "bob", "bob-pw").sayHello(HelloRequest.getDefaultInstance()).getMessage())
                    .isEqualTo("Hello, bob, admin=false");
            List<JettyGrpcHandler> handlers = handlers(deployment.webAppContext());
            if (NATIVE) {
                assertThat(handlers).hasSize(1);
                assertThat(handlers.get(0).calls()).isEqualTo(1);
            } else {
                assertThat(handlers).isEmpty();
            }
        } finally {
            Clients.close(channel);
        }
    }
}
