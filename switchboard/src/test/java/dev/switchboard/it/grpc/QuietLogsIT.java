package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.OnEmbeddedJetty;
import dev.switchboard.it.support.RawH2;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.testing.jetty.EmbeddedJetty;

/**
 * Client-caused failures stay quiet in the server's log: gzip bombs (a small gRPC message inflating past
 * switchboard.max-request-bytes) and malformed frames, many of each, on unary and streaming methods over both
 * transports, each answered with its status (RESOURCE_EXHAUSTED for the bombs), leave at most one WARNING line per
 * kind and no stack trace in the JUL records. Embedded Jetty only: the server logs into this JVM's JUL.
 */
class QuietLogsIT extends OnEmbeddedJetty {

    private static final int BOMBS = 20;
    private static EmbeddedJetty.Deployment root;
    private static EmbeddedJetty.Deployment servlet;
    private static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                RECORDS.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void deploy() throws Exception {
        root = jetty.deploy(Servers.export(TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class), dir), "/");
        servlet = jetty.deploy(Servers.export(TestWars.war("servlet.war", EchoImpl.class, EchoService.class, SeenHeaders.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.GRPC_TRANSPORT, "grpc-servlet"), "web.xml"), dir), "/servlet");
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void undeploy() throws Exception {
        Logger.getLogger("").removeHandler(CAPTURE);
        jetty.undeploy(servlet);
        jetty.undeploy(root);
    }

    @Test
    void bombsAndMalformedFramesLogAtMostOneLineEachWithoutAStack() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(EchoRequest.newBuilder().setText("a".repeat(16 * 1024 * 1024)).build().toByteArray());
        }
        byte[] bomb = RawH2.frame(true, gzipped.toByteArray());
        List<String> grpc = RawH2.headers("content-type", "application/grpc", "te", "trailers");
        List<String> gzip = RawH2.headers("content-type", "application/grpc", "te", "trailers", "grpc-encoding", "gzip");
        RECORDS.clear();
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (int i = 0; i < BOMBS; i++) {
                for (String path : List.of("/switchboard.test.v1.EchoService/Echo", "/servlet/switchboard.test.v1.EchoService/Echo",
                        "/switchboard.test.v1.EchoService/Chat", "/servlet/switchboard.test.v1.EchoService/Collect")) {
                    RawH2.Answer bombed = h2.exchange("POST", path, gzip, bomb);
                    assertThat(bombed.grpc("grpc-status")).as(path + " bomb: " + bombed.grpc("grpc-message")).isEqualTo("8");
                    RawH2.Answer truncated = h2.exchange("POST", path, grpc, new byte[] {0, 0, 0, 0, 100, 1});
                    assertThat(truncated.grpc("grpc-status")).as(path + " truncated frame").isNotNull().isNotEqualTo("0");
                }
            }
        }
        List<String> lines = RECORDS.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]")).toList();
        assertThat(RECORDS).as("WARNING+ records: %s", lines).allSatisfy(r -> assertThat(r.getThrown()).isNull());
        assertThat(RECORDS.stream().filter(r -> r.getMessage().startsWith("gRPC request message refused"))).as("%s", lines).hasSizeLessThanOrEqualTo(1);
        assertThat(RECORDS.stream().filter(r -> r.getMessage().startsWith("gRPC request could not be read"))).as("%s", lines).hasSizeLessThanOrEqualTo(1);
        assertThat(RECORDS).as("nothing else logged at WARNING or above: %s", lines).hasSizeLessThanOrEqualTo(2);
    }
}
