package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.switchboard.jetty.h2c.PriorKnowledgeH2c;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plaintext connector opens HTTP/2 by prior knowledge and answers a request asking to upgrade to h2c over
 * HTTP/1.1 ({@link PriorKnowledgeH2c}), so that clients that upgrade and leave at once leave nothing behind that
 * holds the graceful stop.
 */
class PriorKnowledgeH2cTest {

    private static final int UPGRADES = 60;

    private EmbeddedJetty jetty;

    @BeforeEach
    void start() throws Exception {
        jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withStopTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Test
    void upgradeRequestsAreAnsweredOverHttp11AndTheStopIsNotHeld() throws Exception {
        for (int i = 0; i < UPGRADES; i++) {
            try (Socket socket = connect()) {
                // As curl --http2 asks on an http:// address; the answer read, the client leaves.
                socket.getOutputStream().write(("GET /nothing-here HTTP/1.1\r\nHost: " + jetty.host() + "\r\n"
                        + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 404 Not Found");
            }
        }
        EmbeddedJetty stopping = jetty;
        jetty = null;
        // Throws a TimeoutException if a connection's HTTP/2 session were left open for the graceful stop.
        stopping.stop();
    }

    @Test
    void priorKnowledgeOpensHttp2() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            byte[] header = socket.getInputStream().readNBytes(9);
            assertThat(header).hasSize(9);
            assertThat(header[3]).as("the server's first frame is SETTINGS").isEqualTo((byte) 4);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(jetty.host(), jetty.httpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).trim();
    }
}
