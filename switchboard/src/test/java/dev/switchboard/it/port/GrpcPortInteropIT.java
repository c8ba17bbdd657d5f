package dev.switchboard.it.port;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.InteropTestService;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.GrpcPortServlet;
import dev.switchboard.it.support.GrpcPorts;
import dev.switchboard.it.support.InteropCases;
import dev.switchboard.it.support.InteropClient;
import dev.switchboard.it.support.PemFiles;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;

/**
 * grpc-java's interop cases over the dedicated gRPC port (context-param {@code switchboard.grpc.port}, grpc-netty-shaded
 * in the WAR), plaintext and TLS from PEM files, on every container. The WARs are deployed under non-root context
 * paths on purpose: the dedicated port serves gRPC whatever the context path. The PEM files are written to this
 * module's target/ (the containers run on this machine and read them from there).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcPortInteropIT {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
    private static final PemFiles PEM = writePem();

    @ArquillianResource
    JettyEndpoints endpoints;

    private static PemFiles writePem() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "grpc-port-interop").toAbsolutePath());
            return PemFiles.write(CERTIFICATE, dir, "server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Deployment(name = "plain", testable = false)
    static WebArchive plain() {
        return TestWars.war("plain.war", InteropTestService.class, GrpcPortServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES),
                        Switchboard.GRPC_PORT, "0"), "web.xml");
    }

    @Deployment(name = "tls", testable = false)
    static WebArchive tls() {
        return TestWars.war("tls.war", InteropTestService.class, GrpcPortServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES),
                        Switchboard.GRPC_PORT, "0",
                        Switchboard.GRPC_TLS_CERT_CHAIN, PEM.certChain().toString(),
                        Switchboard.GRPC_TLS_PRIVATE_KEY, PEM.privateKey().toString()), "web.xml");
    }

    static Stream<Arguments> cases() {
        return Stream.of("plaintext", "tls").flatMap(t -> InteropCases.RUN.stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    @OperateOnDeployment("plain") // both WARs are on one server; this selects it for @ArquillianResource
    void interopCaseOverTheDedicatedPort(String transport, String testCase) throws Exception {
        if (transport.equals("tls")) {
            InteropClient.runTls("localhost", GrpcPorts.of(endpoints, "/tls"), CERTIFICATE, testCase);
        } else {
            InteropClient.runH2c("127.0.0.1", GrpcPorts.of(endpoints, "/plain"), testCase);
        }
    }
}
