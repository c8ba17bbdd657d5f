package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.it.support.InteropCases;
import dev.switchboard.it.support.InteropClient;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.services.MetricRecorder;
import io.grpc.testing.integration.AbstractInteropTest;
import io.grpc.testing.integration.TestServiceImpl;
import io.grpc.xds.orca.OrcaMetricReportingServerInterceptor;
import io.grpc.xds.orca.OrcaServiceImpl;

/**
 * The interop suites' split checked against grpc-java's own server: the cases they run pass against it, and those
 * they leave out ({@link InteropCases#NOT_RUN}) fail against it too, the way the reason says. The server is built as
 * grpc-interop-testing's {@code TestServiceServer.start()} builds it (Netty, TestServiceImpl with its interceptors, the
 * ORCA service and interceptor, 16 MiB messages), plaintext, on a free loopback port rather than every interface; the
 * client is {@link InteropClient}, as in the container suites.
 */
class InteropCasesOnGrpcJavaTest {

    /** Held: the soak cases log each iteration at INFO, and unit tests run without the project's logging.properties. */
    private static final Logger SOAK_LOG = Logger.getLogger("io.grpc.testing.integration.SoakClient");

    private static ScheduledExecutorService executor;
    private static Server server;

    @BeforeAll
    static void startGrpcJavasServer() throws Exception {
        SOAK_LOG.setLevel(Level.WARNING);
        executor = Executors.newSingleThreadScheduledExecutor();
        MetricRecorder metricRecorder = MetricRecorder.newInstance();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        InsecureServerCredentials.create())
                .maxInboundMessageSize(AbstractInteropTest.MAX_MESSAGE_SIZE)
                .addService(ServerInterceptors.intercept(new TestServiceImpl(executor, metricRecorder), TestServiceImpl.interceptors()))
                .addService(OrcaServiceImpl.createService(executor, metricRecorder, 1, TimeUnit.SECONDS))
                .intercept(OrcaMetricReportingServerInterceptor.create(metricRecorder))
                .build()
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        executor.shutdownNow();
    }

    static Stream<String> run() {
        return InteropCases.RUN.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("run")
    void theCasesTheSuitesRunPass(String testCase) throws Exception {
        InteropClient.runH2c("127.0.0.1", server.getPort(), testCase);
    }

    static Stream<String> notRun() {
        return InteropCases.NOT_RUN.entrySet().stream().filter(e -> e.getValue().failure() != null).map(e -> e.getKey()).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRun")
    void theCasesTheSuitesLeaveOutFailAsTheirReasonSays(String testCase) {
        Throwable failure = catchThrowable(() -> InteropClient.runH2c("127.0.0.1", server.getPort(), testCase));
        assertThat(failure).as(testCase + " against grpc-java's own server").isNotNull();
        assertThat(describe(failure)).contains(InteropCases.NOT_RUN.get(testCase).failure());
    }

    /** A failure and its causes, one {@code toString()} each, white space collapsed. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString().replaceAll("\\s+", " ");
    }
}
