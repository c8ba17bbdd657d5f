package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.switchboard.test.v1.EchoRequest;
import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.SocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2ResetFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;

/**
 * A raw HTTP/2 client (h2c with prior knowledge, Netty's HTTP/2 codec from grpc-netty-shaded) for what no gRPC client
 * sends: any header, any bytes as the body. Each exchange waits a bounded time for the whole answer — headers, body,
 * trailers, or a reset.
 */
public final class RawH2 implements AutoCloseable {

    /** One answer: the response headers (null if none came), the body, the trailers (null if none), a reset's code (-1 none). */
    public record Answer(Map<String, String> headers, byte[] body, Map<String, String> trailers, long reset) {

        /** grpc-status/grpc-message wherever they are (trailers, or the headers of a trailers-only response). */
        public String grpc(String name) {
            if (trailers != null && trailers.containsKey(name)) {
                return trailers.get(name);
            }
            return headers == null ? null : headers.get(name);
        }

        /** Everything the client can read, for looking for what must not be there. */
        public String everything() {
            return headers + "\n" + trailers + "\n" + new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final String authority;

    public RawH2(String host, int port) throws InterruptedException {
        this.authority = host + ":" + port;
        this.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(host, port).sync().channel();
    }

    /** Request headers beyond the pseudo-headers: name/value pairs. */
    public static List<String> headers(String... pairs) {
        return new ArrayList<>(List.of(pairs));
    }

    /** A native gRPC request's headers ({@code content-type}, {@code te}), then {@code more} name-value pairs. */
    public static List<String> grpcHeaders(String... more) {
        List<String> headers = headers("content-type", "application/grpc", "te", "trailers");
        headers.addAll(List.of(more));
        return headers;
    }

    /** One gRPC frame carrying the echo service's request {@code {text: "hi"}}. */
    public static byte[] echoMessage() {
        return frame(false, EchoRequest.newBuilder().setText("hi").build().toByteArray());
    }

    /** Sends a request ({@code body} null: none, the headers end the stream) and waits up to 10 s for all of the answer. */
    public Answer exchange(String method, String path, List<String> headers, byte[] body) throws Exception {
        Http2Headers request = new DefaultHttp2Headers(false).method(method).scheme("http").path(path).authority(authority);
        for (int i = 0; i < headers.size(); i += 2) {
            request.add(headers.get(i), headers.get(i + 1));
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(channel).handler(new Collector(answer)).open().sync().getNow();
        stream.write(new DefaultHttp2HeadersFrame(request, body == null));
        if (body != null) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
        stream.flush();
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            stream.close();
        }
    }

    /** A gRPC message frame: flag (1: compressed), length, bytes. */
    public static byte[] frame(boolean compressed, byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) (compressed ? 1 : 0)).putInt(message.length).put(message).array();
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().await(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private static final class Collector extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Answer> answer;
        private Map<String, String> headers;
        private Map<String, String> trailers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Collector(CompletableFuture<Answer> answer) {
            this.answer = answer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame frame) {
                    Map<String, String> map = new java.util.LinkedHashMap<>();
                    frame.headers().forEach(e -> map.merge(e.getKey().toString(), e.getValue().toString(), (a, b) -> a + ", " + b));
                    if (headers == null) {
                        headers = map;
                    } else {
                        trailers = map;
                    }
                    if (frame.isEndStream()) {
                        done(-1);
                    }
                } else if (msg instanceof Http2DataFrame frame) {
                    byte[] bytes = new byte[frame.content().readableBytes()];
                    frame.content().readBytes(bytes);
                    body.writeBytes(bytes);
                    if (frame.isEndStream()) {
                        done(-1);
                    }
                } else if (msg instanceof Http2ResetFrame reset) {
                    done(reset.errorCode());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done(-2);
        }

        private void done(long reset) {
            answer.complete(new Answer(headers, body.toByteArray(), trailers, reset));
        }
    }
}
