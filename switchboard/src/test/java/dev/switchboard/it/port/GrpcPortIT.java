package dev.switchboard.it.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.util.concurrent.ListenableFuture;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.PemFiles;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

/**
 * The dedicated gRPC port's lifecycle on the embedded Jetty (whose API deploys, undeploys and fails deployments here,
 * and whose threads are this JVM's): it opens with the deployment and closes with it (calls in flight finish, then
 * connections are refused and its threads are gone), and a deployment that cannot open it fails naming the
 * context-param. Its TLS client certificates and {@code @RolesAllowed}: {@link GrpcPortSecurityIT}, on every container.
 */
class GrpcPortIT {

    private static final SelfSignedCertificate SERVER = SelfSignedCertificate.generate();
    private static final SelfSignedCertificate CLIENT = SelfSignedCertificate.generate();
    private static EmbeddedJetty jetty;
    private static PemFiles serverPem;
    private static PemFiles clientPem;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        jetty = Servers.start(SERVER);
        serverPem = PemFiles.write(SERVER, dir, "server");
        clientPem = PemFiles.write(CLIENT, dir, "client");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    private static EmbeddedJetty.Deployment deploy(String contextPath, WebArchive war, String... params) throws Exception {
        return jetty.deploy(Servers.export(war.addAsWebInfResource(TestWars.webXml(params), "web.xml"), dir), contextPath);
    }

    private static int grpcPort(EmbeddedJetty.Deployment deployment) {
        return (Integer) deployment.webAppContext().getServletContext().getAttribute(Switchboard.GRPC_PORT_ATTRIBUTE);
    }

    private static ManagedChannel plaintext(int port) {
        return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> portThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("switchboard-grpc-")).toList();
    }

    /** The messages of a failed deployment's exception and its causes. */
    private static String deploymentFailure(WebArchive war, String... params) {
        Throwable thrown = null;
        try {
            jetty.undeploy(deploy("/broken", war, params));
        } catch (Throwable e) {
            thrown = e;
        }
        assertThat(thrown).as("the deployment must fail").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }

    private static WebArchive echoWar() {
        return TestWars.war("echo.war", EchoImpl.class, EchoService.class, SeenHeaders.class);
    }

    @Test
    void undeployLetsCallsInFlightFinishThenClosesThePortAndEndsItsThreads() throws Exception {
        EmbeddedJetty.Deployment deployment = deploy("/echo", echoWar(), Switchboard.GRPC_PORT, "0",
                Switchboard.SHUTDOWN_GRACE_SECONDS, "5");
        int port = grpcPort(deployment);
        assertThat(accepts(port)).isTrue();
        assertThat(portThreads()).isNotEmpty();
        ManagedChannel channel = plaintext(port);
        try {
            assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
            ListenableFuture<EchoResponse> sleeping = EchoServiceGrpc.newFutureStub(channel)
                    .sleep(SleepRequest.newBuilder().setMillis(1500).build());
            Thread.sleep(300);
            assertThat(sleeping.isDone()).isFalse();
            jetty.undeploy(deployment);
            assertThat(sleeping.get(10, TimeUnit.SECONDS).getText()).isEqualTo("slept");
            assertThat(deployment.webAppContext().getServletContext().getAttribute(Switchboard.GRPC_PORT_ATTRIBUTE)).isNull();
        } finally {
            Clients.close(channel);
        }
        assertThat(accepts(port)).as("connect to the dedicated port after undeploy").isFalse();
        ManagedChannel after = plaintext(port);
        try {
            assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(after).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .sleep(SleepRequest.newBuilder().setMillis(1).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            Clients.close(after);
        }
        assertThat(portThreads()).as("the dedicated port's threads after undeploy").isEmpty();
    }

    @Test
    void callsPastTheGracePeriodEndWithUnavailable() throws Exception {
        EmbeddedJetty.Deployment deployment = deploy("/echo", echoWar(), Switchboard.GRPC_PORT, "0",
                Switchboard.SHUTDOWN_GRACE_SECONDS, "1");
        ManagedChannel channel = plaintext(grpcPort(deployment));
        try {
            ListenableFuture<EchoResponse> sleeping = EchoServiceGrpc.newFutureStub(channel)
                    .sleep(SleepRequest.newBuilder().setMillis(30_000).build());
            Thread.sleep(300);
            long start = System.nanoTime();
            jetty.undeploy(deployment);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            assertThatThrownBy(() -> sleeping.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void aTakenPortFailsTheDeploymentNamingTheContextParamAndTheServerKeepsServing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(taken.getLocalPort());
            assertThat(deploymentFailure(echoWar(), Switchboard.GRPC_PORT, port))
                    .contains(Switchboard.GRPC_PORT).contains("127.0.0.1:" + port);
        }
        assertThat(portThreads()).as("threads of the port that failed to open").isEmpty();
        EmbeddedJetty.Deployment deployment = deploy("/echo", echoWar(), Switchboard.GRPC_PORT, "0");
        ManagedChannel channel = plaintext(grpcPort(deployment));
        try {
            assertThat(EchoServiceGrpc.newBlockingStub(channel).sleep(SleepRequest.newBuilder().setMillis(1).build()).getText())
                    .isEqualTo("slept");
        } finally {
            Clients.close(channel);
            jetty.undeploy(deployment);
        }
    }

    @Test
    void missingOrBrokenTlsFilesFailTheDeploymentNamingTheContextParam() {
        String missing = dir.resolve("no-such-cert.pem").toString();
        assertThat(deploymentFailure(echoWar(), Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, missing,
                Switchboard.GRPC_TLS_PRIVATE_KEY, serverPem.privateKey().toString()))
                .contains(Switchboard.GRPC_TLS_CERT_CHAIN).contains("no-such-cert.pem");
        // a key that does not belong to the certificate
        assertThat(deploymentFailure(echoWar(), Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN,
                serverPem.certChain().toString(), Switchboard.GRPC_TLS_PRIVATE_KEY, clientPem.privateKey().toString()))
                .contains(Switchboard.GRPC_TLS_CERT_CHAIN);
        assertThat(deploymentFailure(echoWar(), Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CLIENT_AUTH, "require"))
                .contains(Switchboard.GRPC_TLS_CLIENT_AUTH).contains("needs TLS");
        assertThat(portThreads()).isEmpty();
    }
}
