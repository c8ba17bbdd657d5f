package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;

/**
 * grpc-java's interop cases over the dedicated gRPC port (context-param {@code switchboard.grpc.port}), plaintext and
 * TLS from PEM files. The WARs are deployed under non-root context paths on purpose: the dedicated port serves gRPC
 * whatever the context path.
 */
class GrpcPortInteropIT {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
    private static EmbeddedJetty jetty;
    private static EmbeddedJetty.Deployment plain;
    private static EmbeddedJetty.Deployment tls;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        jetty = Servers.start(CERTIFICATE);
        PemFiles pem = PemFiles.write(CERTIFICATE, dir, "server");
        plain = jetty.deploy(Servers.export(TestWars.war("plain.war", InteropTestService.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES),
                        Switchboard.GRPC_PORT, "0"), "web.xml"), dir), "/plain");
        tls = jetty.deploy(Servers.export(TestWars.war("tls.war", InteropTestService.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES),
                        Switchboard.GRPC_PORT, "0",
                        Switchboard.GRPC_TLS_CERT_CHAIN, pem.certChain().toString(),
                        Switchboard.GRPC_TLS_PRIVATE_KEY, pem.privateKey().toString()), "web.xml"), dir), "/tls");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    /** The port a deployment's dedicated gRPC server listens on, as Switchboard publishes it. */
    static int grpcPort(EmbeddedJetty.Deployment deployment) {
        Object port = deployment.webAppContext().getServletContext().getAttribute(Switchboard.GRPC_PORT_ATTRIBUTE);
        assertThat(port).as(Switchboard.GRPC_PORT_ATTRIBUTE).isInstanceOf(Integer.class);
        assertThat((Integer) port).isPositive().isNotEqualTo(jetty.httpPort()).isNotEqualTo(jetty.httpsPort());
        return (Integer) port;
    }

    static Stream<Arguments> cases() {
        return Stream.of("plaintext", "tls").flatMap(t -> InteropSuite.CASES.stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void interopCaseOverTheDedicatedPort(String transport, String testCase) throws Exception {
        ManagedChannelBuilder<?> channel = transport.equals("tls")
                ? Grpc.newChannelBuilderForAddress("localhost", grpcPort(tls), TlsChannelCredentials.newBuilder()
                        .trustManager(new ByteArrayInputStream(CERTIFICATE.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                        .build())
                : Grpc.newChannelBuilderForAddress("127.0.0.1", grpcPort(plain), InsecureChannelCredentials.create());
        new InteropClient(channel.maxInboundMessageSize(Clients.MAX_MESSAGE_BYTES)).run(testCase);
    }
}
