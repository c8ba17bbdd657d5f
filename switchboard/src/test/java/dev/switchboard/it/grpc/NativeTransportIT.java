package dev.switchboard.it.grpc;

import static dev.switchboard.it.support.BasicLogins.basic;
import static dev.switchboard.it.support.BasicLogins.greeter;
import static dev.switchboard.it.support.BasicLogins.grpcStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.security.SecureGateway;
import dev.switchboard.it.services.security.SecureGreeter;
import dev.switchboard.it.support.BasicLogins;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.it.support.TransportProbe;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Status;

/**
 * Which transport serves gRPC calls (unary and streaming) on WildFly: Undertow's native one (internal.undertow) — unless the WAR does
 * not see Undertow's modules ({@value #NATIVE_PROPERTY}{@code =false}: the test WARs exclude them, the fallback
 * execution), where the servlet layer serves as before. Either way web.xml's constraints, login and roles apply first,
 * and the caller reaches service code. {@link TransportProbe} counts what Undertow's transport took (the request
 * attribute it sets); streaming calls are not native where WildFly runs with {@code
 * switchboard.undertow.native-streaming=false} ({@value #NATIVE_STREAMING_PROPERTY}{@code =false}: the execution
 * wildfly-servlet-streaming). On Jetty it counts none (Jetty's native transport has JettyNativeTransportIT).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NativeTransportIT {

    /** Set to false by the WildFly fallback execution (TestWars then builds WARs that exclude Undertow's modules). */
    static final String NATIVE_PROPERTY = TestWars.UNDERTOW_NATIVE;

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWars.war("ROOT.war", SecureGreeter.class, SecureGateway.class, TransportProbe.class,
                TransportProbe.Listener.class, TransportProbe.Count.class)
                .addAsWebInfResource(new StringAsset(BasicLogins.USERS_ONLY_WEB_XML), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    /**
     * Set to false by the execution that starts WildFly with {@code switchboard.undertow.native-streaming=false}: then
     * streaming calls go to grpc-servlet while unary ones stay native.
     */
    static final String NATIVE_STREAMING_PROPERTY = TestWars.UNDERTOW_NATIVE_STREAMING;

    /** Where the native transport should serve: WildFly, with WARs that see Undertow's modules. */
    private static boolean nativeExpected() {
        return "wildfly".equals(System.getProperty("switchboard.test.container")) && TestWars.undertowNative();
    }

    @Test
    void unaryCallsTakeTheNativeTransportWhereInstalledAfterTheContainersSecurity() throws Exception {
        int expected = nativeExpected() ? 1 : 0;
        int expectedStreaming = nativeExpected() && TestWars.undertowNativeStreaming() ? 1 : 0;
        for (ManagedChannel channel : new ManagedChannel[] {Clients.h2cChannelBuilder(endpoints).build(),
                Clients.tlsChannelBuilder(endpoints).build()}) {
            try {
                int before = servedNatively();
                assertThat(greeter(channel, "alice", "alice-pw").sayHello(HelloRequest.newBuilder().setName("x").build()).getMessage())
                        .isEqualTo("Hello, alice, admin=true");
                assertThat(greeter(channel, "bob", "bob-pw").sayHello(HelloRequest.newBuilder().setName("x").build()).getMessage())
                        .isEqualTo("Hello, bob, admin=false");
                // a request body of many reads (256 KiB: most DATA frames arrive after the handler has started reading)
                String big = "y".repeat(256 * 1024);
                assertThat(greeter(channel, "bob", "bob-pw").sayHello(HelloRequest.newBuilder().setName(big).build()).getMessage())
                        .isEqualTo("Hello, bob, admin=false");
                assertThat(servedNatively() - before).as("unary calls served natively").isEqualTo(3 * expected);

                // the container's constraints and login come first: refused calls never reach a transport
                before = servedNatively();
                assertThat(grpcStatus(() -> greeter(channel, null, null).sayHello(HelloRequest.getDefaultInstance())).getCode())
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(grpcStatus(() -> greeter(channel, "bob", "wrong").sayHello(HelloRequest.getDefaultInstance())).getCode())
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(grpcStatus(() -> greeter(channel, "carol", "carol-pw").sayHello(HelloRequest.getDefaultInstance())).getCode())
                        .isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(servedNatively() - before).as("refused calls served natively").isZero();
                // streaming calls too (Switchboard's own streaming path), after the same security
                before = servedNatively();
                assertThat(greeter(channel, "alice", "alice-pw").sayHelloStream(HelloRequest.getDefaultInstance()).next().getMessage())
                        .isEqualTo("secret for alice");
                assertThat(grpcStatus(() -> greeter(channel, "carol", "carol-pw").sayHelloStream(HelloRequest.getDefaultInstance())
                        .next()).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                assertThat(servedNatively() - before).as("streaming calls served natively").isEqualTo(expectedStreaming);
            } finally {
                Clients.close(channel);
            }
        }
    }

    private int servedNatively() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoints.http("/transport-probe"))
                .header("Authorization", basic("bob", "bob-pw")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Integer.parseInt(response.body().trim());
    }
}
