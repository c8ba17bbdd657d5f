package dev.switchboard.jetty.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BatchingEndPoint} over the network with Jetty's own HTTP/2 client: the answers to many requests leave in
 * far fewer writes than there are answers — whether written while their read is handed out or later, from another
 * thread — on plaintext and (BatchingSslConnectionFactory) over TLS, and a handler that blocks on its own writes, large
 * or small, (HTTP/2 and HTTP/1.1) is never held up by it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchingEndPointTest {

    static final int STREAMS = 100;
    static final int LARGE = 1 << 20;
    static final String GRPC = "application/grpc";

    private Server server;
    private ServerConnector connector;
    private HTTP2Client client;
    private boolean tls;
    /** Whether the server's handler is behind {@link InlineGrpcFront}, which makes native gRPC answers deferrable. */
    private boolean front;

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
        assertThat(writesForOneReadOfRequests()).as("writes for %d answers", STREAMS).isLessThan(STREAMS / 4);
    }

    @Test
    void overTlsTheAnswersToTheRequestsOfOneReadLeaveTogether() throws Exception {
        tls = true;
        assertThat(writesForOneReadOfRequests()).as("writes for %d answers", STREAMS).isLessThan(STREAMS / 4);
    }

    @Test
    void grpcAnswersWrittenBetweenReadsFromAnotherThreadLeaveTogether() throws Exception {
        assertThat(writesForAnswersFromAnotherThread(GRPC)).as("writes for %d answers", STREAMS).isLessThan(STREAMS / 2);
    }

    @Test
    void overTlsGrpcAnswersWrittenBetweenReadsFromAnotherThreadLeaveTogether() throws Exception {
        tls = true;
        assertThat(writesForAnswersFromAnotherThread(GRPC)).as("writes for %d answers", STREAMS).isLessThan(STREAMS / 2);
    }

    /** Only native gRPC answers are deferred: other writers (a servlet's) may wait for each write. */
    @Test
    void otherAnswersWrittenBetweenReadsGoAtOnce() throws Exception {
        assertThat(writesForAnswersFromAnotherThread("application/json")).as("writes for %d answers", STREAMS)
                .isGreaterThanOrEqualTo(STREAMS);
    }

    /**
     * Other answers are deferred once their web application said nothing waits for them (Switchboard's JSON answers,
     * sent by the request's completion), through the flag {@link InlineGrpcFront} put on the request.
     */
    @Test
    void otherAnswersWhoseWriterSaidNothingWaitsLeaveTogether() throws Exception {
        assertThat(writesForAnswersFromAnotherThread("application/json", true)).as("writes for %d answers", STREAMS)
                .isLessThan(STREAMS / 2);
    }

    /** What the deferral of writes between reads does: without it, one write each. */
    @Test
    void withoutTheDeferralEachAnswerWrittenBetweenReadsIsAWriteOfItsOwn() throws Exception {
        System.setProperty(BatchingEndPoint.DEFER_PROPERTY, "false");
        try {
            assertThat(writesForAnswersFromAnotherThread(GRPC)).as("writes for %d answers", STREAMS)
                    .isGreaterThanOrEqualTo(STREAMS);
        } finally {
            System.clearProperty(BatchingEndPoint.DEFER_PROPERTY);
        }
    }

    /**
     * The writes made for the answers to {@link #STREAMS} requests of content type {@code type}, behind
     * {@link InlineGrpcFront} as in the embedded Jetty, written one after the other by this thread once the
     * requests have all been read (as a pool's threads answer calls whose reads are over): each finds the connection's
     * flusher idle, so without the deferral each is a write of its own.
     */
    private long writesForAnswersFromAnotherThread(String type) throws Exception {
        return writesForAnswersFromAnotherThread(type, false);
    }

    /** The same; {@code nothingWaits}: the handler sets the front's flag that says nothing waits for its writes. */
    private long writesForAnswersFromAnotherThread(String type, boolean nothingWaits) throws Exception {
        Queue<Runnable> answers = new ConcurrentLinkedQueue<>();
        CountDownLatch arrived = new CountDownLatch(STREAMS);
        front = true;
        start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (nothingWaits) {
                    ((AtomicBoolean) request.getAttribute(InlineGrpcFront.DEFERRABLE_ATTRIBUTE)).set(true);
                }
                answers.add(() -> response.write(true, ByteBuffer.wrap(new byte[] {'o', 'k'}), callback));
                arrived.countDown();
                return true;
            }
        });
        Session session = connect();
        CountDownLatch answered = new CountDownLatch(STREAMS);
        for (int i = 0; i < STREAMS; i++) {
            request(session, "/", type, answered, new AtomicLong());
        }
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("every request arrived").isTrue();
        Thread.sleep(200); // the connection's reads and their writes (window updates, …) are over
        long before = writes();
        answers.forEach(Runnable::run);
        assertThat(answered.await(30, TimeUnit.SECONDS)).as("every stream answered").isTrue();
        return writes() - before;
    }

    /**
     * The writes made for {@link #STREAMS} requests that arrive together. So that they do: the first request holds
     * the connection's parsing thread (the server is non-blocking: its handler runs where the request was parsed) until
     * the others have been sent; one write per answer without the endpoint (plus the connection's own frames).
     */
    private long writesForOneReadOfRequests() throws Exception {
        CountDownLatch inGate = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws InterruptedException {
                if (Request.getPathInContext(request).equals("/gate")) {
                    inGate.countDown();
                    gate.await(10, TimeUnit.SECONDS);
                }
                response.write(true, ByteBuffer.wrap(new byte[] {'o', 'k'}), callback);
                return true;
            }
        });
        Session session = connect();
        CountDownLatch answered = new CountDownLatch(STREAMS + 1);
        request(session, "/gate", answered, new AtomicLong());
        assertThat(inGate.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < STREAMS; i++) {
            request(session, "/", answered, new AtomicLong());
        }
        Thread.sleep(300); // the client sends them
        gate.countDown();
        assertThat(answered.await(30, TimeUnit.SECONDS)).as("every stream answered").isTrue();
        return writes();
    }

    /** The writes the server's HTTP/2 connections have issued past their holds. */
    private long writes() {
        return tls ? BatchingSslConnectionFactory.writes(connector) : connector.getConnectedEndPoints().stream()
                .mapToLong(endpoint -> ((BatchingEndPoint) endpoint).writes()).sum();
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
        int streams = 20;
        assertThat(bytesOfStreams(streams)).isEqualTo((long) streams * LARGE);

        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> response = http11.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + connector.getLocalPort() + "/")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).hasSize(LARGE);
    }

    /** Each small blocking write between reads waits for its deferred release, and they all complete. */
    @Test
    void aHandlerBlockingOnManySmallWritesIsNotHeldUp() throws Exception {
        int chunks = 2_000;
        start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                for (int i = 0; i < chunks; i++) {
                    Content.Sink.write(response, false, ByteBuffer.allocate(100));
                }
                callback.succeeded();
                return true;
            }
        });
        int streams = 10;
        assertThat(bytesOfStreams(streams)).isEqualTo((long) streams * chunks * 100);
    }

    /** The bytes answered to {@code streams} requests made at once on one connection, once every one is answered. */
    private long bytesOfStreams(int streams) throws Exception {
        Session session = connect();
        CountDownLatch answered = new CountDownLatch(streams);
        AtomicLong bytes = new AtomicLong();
        for (int i = 0; i < streams; i++) {
            request(session, "/", answered, bytes);
        }
        assertThat(answered.await(30, TimeUnit.SECONDS)).as("every stream answered").isTrue();
        return bytes.get();
    }

    private void start(Handler handler) throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        if (tls) {
            SslContextFactory.Server context = new SslContextFactory.Server();
            context.setKeyStorePath(TestKeyStore.generate().toString());
            context.setKeyStorePassword(TestKeyStore.PASSWORD);
            context.setKeyManagerPassword(TestKeyStore.PASSWORD);
            context.setCipherComparator(HTTP2Cipher.COMPARATOR);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
            // As EmbeddedJetty's: batching socket endpoints, on whose selector the decrypted endpoint defers writes
            connector = BatchingEndPoint.connector(server, new BatchingSslConnectionFactory(context, alpn.getProtocol()),
                    alpn, h2);
        } else {
            connector = BatchingEndPoint.connector(server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        }
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        // The front runs what is not gRPC on the server's pool; the answers are written from this class's thread anyway.
        server.setHandler(front ? new InlineGrpcFront(handler, server.getThreadPool()) : handler);
        server.start();
    }

    private Session connect() throws Exception {
        client = new HTTP2Client();
        SslContextFactory.Client trustAll = new SslContextFactory.Client(true);
        client.addBean(trustAll);
        client.start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", connector.getLocalPort());
        return (tls ? client.connect(trustAll, address, new Session.Listener() { })
                : client.connect(address, new Session.Listener() { })).get(10, TimeUnit.SECONDS);
    }

    private void request(Session session, String path, CountDownLatch answered, AtomicLong bytes) {
        request(session, path, null, answered, bytes);
    }

    private void request(Session session, String path, String type, CountDownLatch answered, AtomicLong bytes) {
        HttpURI uri = HttpURI.from((tls ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort() + path);
        MetaData.Request get = new MetaData.Request("GET", uri,
                HttpVersion.HTTP_2, type == null ? HttpFields.EMPTY : HttpFields.build().put(HttpHeader.CONTENT_TYPE, type));
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
}
