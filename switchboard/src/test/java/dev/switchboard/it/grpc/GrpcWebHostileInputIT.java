package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.support.GrpcWebWire;
import dev.switchboard.it.support.GrpcWebWire.Reply;
import dev.switchboard.it.support.RawH2;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * Hostile gRPC-Web requests, from a raw client over HTTP/1.1 and h2c, binary and text, on both transports: a truncated
 * frame, a frame declaring 2 GB, a trailer frame (flag 0x80) sent by the client, a text body that is not base64, a
 * content type with messages other than protobuf. Each gets a gRPC status in gRPC-Web's form (never an HTML page, a
 * reset or silence), and the server goes on serving.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcWebHostileInputIT {

    private static final String ECHO = "/switchboard.test.v1.EchoService/Echo";
    private static final String COUNT = "/switchboard.test.v1.EchoService/Count";
    private static final int INTERNAL = 13;
    private static final int RESOURCE_EXHAUSTED = 8;

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return GrpcWebIT.root();
    }

    @Deployment(name = "servlet", testable = false)
    static WebArchive servlet() {
        return GrpcWebIT.servlet();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("root")
    void malformedBodiesGetAGrpcStatusAndTheServerServesOn() throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("a truncated frame", new byte[] {0, 0, 0, 0, 100, 1, 2});
        bodies.put("a message, then a truncated frame", concat(RawH2.frame(false, EchoRequest.newBuilder().setText("x").build().toByteArray()),
                new byte[] {0, 0, 0, 0, 9, 1}));
        bodies.put("a trailer frame from the client", concat(new byte[] {(byte) 0x80, 0, 0, 0, 6}, "a: b\r\n".getBytes(StandardCharsets.US_ASCII)));
        Map<String, Integer> expected = Map.of("a frame declaring 2 GB", RESOURCE_EXHAUSTED);
        bodies.put("a frame declaring 2 GB", new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (String context : List.of("", "/servlet")) {
                for (String path : List.of(context + ECHO, context + COUNT)) {
                    for (boolean text : List.of(false, true)) {
                        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                            byte[] sent = text ? Base64.getEncoder().encode(body.getValue()) : body.getValue();
                            String what = path + (text ? " text, " : " binary, ") + body.getKey();
                            assertRefused(send(h2, path, text, sent), text, expected.getOrDefault(body.getKey(), INTERNAL), what);
                        }
                    }
                    for (String notBase64 : List.of("!!!!", "AAAA!AAA", "AAAAA", "AA=A")) {
                        String what = path + " text '" + notBase64 + "'";
                        for (RawH2 way : new RawH2[] {null, h2}) {
                            Reply reply = send(way, path, true, notBase64.getBytes(StandardCharsets.US_ASCII));
                            assertRefused(reply, true, INTERNAL, what);
                            assertThat(reply.message()).as(what).contains("not base64");
                        }
                    }
                    Reply json = GrpcWebWire.h2c(h2, path, "application/grpc-web+json", "{}".getBytes(StandardCharsets.US_ASCII));
                    assertRefused(json, false, INTERNAL, path + " +json");
                }
            }
            Reply fine = send(h2, ECHO, true, GrpcWebWire.body(EchoRequest.newBuilder().setText("still here").build(), true));
            assertThat(fine.status()).as(fine.toString()).isZero();
            assertThat(EchoResponse.parseFrom(fine.messages().get(0)).getText()).isEqualTo("still here");
        }
    }

    /** Over h2c on {@code h2}, or HTTP/1.1 when null. */
    private Reply send(RawH2 h2, String path, boolean text, byte[] body) throws Exception {
        String type = text ? GrpcWebWire.TEXT : GrpcWebWire.BINARY;
        return h2 == null ? GrpcWebWire.http11(endpoints.http(path), type, body) : GrpcWebWire.h2c(h2, path, type, body);
    }

    private static void assertRefused(Reply reply, boolean text, int status, String what) {
        assertThat(reply.httpStatus()).as(what + ": " + reply).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).as(what + ": " + reply)
                .isEqualTo(text ? "application/grpc-web-text+proto" : "application/grpc-web+proto");
        assertThat(reply.problem()).as(what + ": " + reply).isNull();
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(status);
        assertThat(String.valueOf(reply.message())).as(what).doesNotContain("Exception", "at java.");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
