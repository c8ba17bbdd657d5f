package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BatchingEndPoint} over the network with Jetty's own HTTP/2 client: the answers to many requests leave in
 * far fewer writes than there are answers, and a handler that blocks on its own write (HTTP/2 and HTTP/1.1) is never
 * held up by it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchingEndPointTest {

    static final int STREAMS = 100;
    static final int LARGE = 1 << 20;

    private Server server;
    private ServerConnector connector;
    private HTTP2Client client;
    private final AtomicLong writes = new AtomicLong();

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theAnswersToTheRequestsOfOneReadLeaveTogether() throws Exception {
        start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, ByteBuffer.wrap(new byte[] {'o', 'k'}), callback);
                return true;
            }
        });
        Session session = connect();
        CountDownLatch answered = new CountDownLatch(STREAMS);
        for (int i = 0; i < STREAMS; i++) {
            request(session, answered, new AtomicLong());
        }
        assertThat(answered.await(30, TimeUnit.SECONDS)).as("every stream answered").isTrue();
        endpointWrites();
        // One write per answer without the endpoint (plus the connection's own frames): here a few per read.
        assertThat(writes.get()).as("writes for %d answers", STREAMS).isLessThan(STREAMS / 4);
    }

    @Test
    void aHandlerBlockingOnItsOwnWriteIsNotHeldUp() throws Exception {
        start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                // blocking: returns once the megabyte is written (several writes under HTTP/2's flow control)
                Content.Sink.write(response, false, ByteBuffer.allocate(LARGE));
                callback.succeeded();
                return true;
            }
        });
        Session session = connect();
        int streams = 20;
        CountDownLatch answered = new CountDownLatch(streams);
        AtomicLong bytes = new AtomicLong();
        for (int i = 0; i < streams; i++) {
            request(session, answered, bytes);
        }
        assertThat(answered.await(30, TimeUnit.SECONDS)).as("every stream answered").isTrue();
        assertThat(bytes.get()).isEqualTo((long) streams * LARGE);

        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> response = http11.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + connector.getLocalPort() + "/")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).hasSize(LARGE);
    }

    private void start(Handler handler) throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        connector = BatchingEndPoint.connector(server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
    }

    private Session connect() throws Exception {
        client = new HTTP2Client();
        client.start();
        return client.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()), new Session.Listener() { })
                .get(10, TimeUnit.SECONDS);
    }

    private void request(Session session, CountDownLatch answered, AtomicLong bytes) {
        MetaData.Request get = new MetaData.Request("GET", HttpURI.from("http://127.0.0.1:" + connector.getLocalPort() + "/"),
                HttpVersion.HTTP_2, HttpFields.EMPTY);
        session.newStream(new HeadersFrame(get, null, true), new Stream.Listener() {
            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                if (frame.isEndStream()) {
                    answered.countDown();
                } else {
                    stream.demand();
                }
            }

            @Override
            public void onDataAvailable(Stream stream) {
                Stream.Data data = stream.readData();
                if (data == null) {
                    stream.demand();
                    return;
                }
                bytes.addAndGet(data.frame().remaining());
                boolean end = data.frame().isEndStream();
                data.release();
                if (end) {
                    answered.countDown();
                } else {
                    stream.demand();
                }
            }
        });
    }

    private void endpointWrites() {
        writes.set(connector.getConnectedEndPoints().stream()
                .mapToLong(endpoint -> ((BatchingEndPoint) endpoint).writes()).sum());
    }
}
