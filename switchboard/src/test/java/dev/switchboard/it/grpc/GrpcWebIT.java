package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.protobuf.MessageLite;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.GrpcWebWire;
import dev.switchboard.it.support.GrpcWebWire.Reply;
import dev.switchboard.it.support.RawH2;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.FailRequest;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * gRPC-Web on the same port and paths as gRPC, from a raw client that checks the wire as the grpc-web and connect-web
 * clients read it: binary and text (base64), over HTTP/1.1 and h2c, on both transports (Switchboard's unary one at the
 * root, grpc-servlet's under /servlet). Unary and server-streaming calls with metadata both ways (through the test
 * service's interceptor), errors as trailers-only headers or as the trailer frame, the deadline from
 * {@code grpc-timeout}, client streams refused, and the metrics' protocol label. connect-node's gRPC-Web transport:
 * {@link GrpcWebClientIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcWebIT {

    private static final String SERVICE = "/switchboard.test.v1.EchoService/";
    private static final List<String> CONTEXTS = List.of("", "/servlet");

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class);
    }

    @Deployment(name = "servlet", testable = false)
    static WebArchive servlet() {
        return TestWars.war("servlet.war", EchoImpl.class, EchoService.class, SeenHeaders.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.GRPC_TRANSPORT, "grpc-servlet"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("root")
    void unaryAndServerStreamingInBinaryAndTextOverHttp11AndH2c() throws Exception {
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (Way way : ways(h2)) {
                Reply echo = way.call("Echo", EchoRequest.newBuilder().setText("hi " + way).build(),
                        "x-test", "t1", "x-echo-header", "e1");
                assertWire(echo, way);
                assertThat(echo.status()).as(way + " " + echo).isZero();
                assertThat(echo.trailerFrame()).as(way + " " + echo).isTrue();
                assertThat(echo.messages()).as(way + " " + echo).hasSize(1);
                EchoResponse response = EchoResponse.parseFrom(echo.messages().get(0));
                assertThat(response.getText()).isEqualTo("hi " + way);
                assertThat(response.getSeenMap()).as("the interceptor saw the request's metadata").containsEntry("x-test", "interceptor saw t1");
                assertThat(echo.headers()).as("a response header").containsEntry("x-echoed", "e1");
                assertThat(echo.trailers()).as("a trailer, in the trailer frame").containsEntry("x-trailer", "done e1");

                Reply count = way.call("Count", CountRequest.newBuilder().setUpTo(3).build());
                assertWire(count, way);
                assertThat(count.status()).as(way + " " + count).isZero();
                List<Integer> numbers = new ArrayList<>();
                for (byte[] message : count.messages()) {
                    numbers.add(EchoResponse.parseFrom(message).getNumber());
                }
                assertThat(numbers).as(way + " " + count).containsExactly(1, 2, 3);
            }
        }
    }

    /** Larger than the flow-control windows: the trailer frame waits for the message to go out, then completes. */
    @Test
    @OperateOnDeployment("root")
    void messagesLargerThanTheWindowsBothWays() throws Exception {
        String large = "x".repeat(1_500_000);
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (Way way : ways(h2)) {
                Reply echo = way.call("Echo", EchoRequest.newBuilder().setText(large).build(), "x-echo-header", "big");
                assertWire(echo, way);
                assertThat(echo.status()).as(way + " " + echo).isZero();
                assertThat(echo.messages()).as(way + " " + echo).hasSize(1);
                assertThat(EchoResponse.parseFrom(echo.messages().get(0)).getText()).as(way.toString()).isEqualTo(large);
                assertThat(echo.trailers()).as(way + " " + echo).containsEntry("x-trailer", "done big");
            }
        }
    }

    @Test
    @OperateOnDeployment("root")
    void errorsBeforeAMessageAreTrailersOnlyAndAfterOneTheTrailerFrame() throws Exception {
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (Way way : ways(h2)) {
                Reply fail = way.call("Fail", FailRequest.newBuilder().setCode(5).setMessage("no such thing").build());
                assertWire(fail, way);
                assertThat(fail.status()).as(way + " " + fail).isEqualTo(5);
                assertThat(fail.message()).as(way + " " + fail).isEqualTo("no such thing");
                assertThat(fail.messages()).isEmpty();

                Reply failing = way.call("Count", CountRequest.newBuilder().setUpTo(5).setFailAfter(2).build());
                assertWire(failing, way);
                assertThat(failing.messages()).as(way + " " + failing).hasSize(2);
                assertThat(failing.trailerFrame()).as(way + " " + failing).isTrue();
                assertThat(failing.status()).as(way + " " + failing).isEqualTo(9);
                assertThat(failing.message()).isEqualTo("failed after 2");
            }
        }
    }

    @Test
    @OperateOnDeployment("root")
    void theDeadlineComesFromGrpcTimeout() throws Exception {
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (Way way : ways(h2)) {
                Reply slept = way.call("Sleep", SleepRequest.newBuilder().setMillis(8_000).build(), "grpc-timeout", "300m");
                assertWire(slept, way);
                // Without the deadline, the call would answer OK after 8 s. grpc-servlet answers a passed deadline
                // CANCELLED (its Sink.cancel), as for native gRPC, whose clients report their own DEADLINE_EXCEEDED.
                assertThat(slept.status()).as(way + " " + slept).isIn(way.context.isEmpty() ? List.of(4) : List.of(4, 1));
            }
        }
    }

    @Test
    @OperateOnDeployment("root")
    void clientStreamingAndBidiAreUnimplemented() throws Exception {
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (Way way : ways(h2)) {
                for (String method : List.of("Collect", "Chat")) {
                    Reply reply = way.call(method, EchoRequest.newBuilder().setText("x").build());
                    assertWire(reply, way);
                    assertThat(reply.status()).as(way + " " + method + " " + reply).isEqualTo(12);
                    assertThat(reply.message()).as(way + " " + method).contains("unary and server-streaming");
                }
            }
        }
    }

    @Test
    @OperateOnDeployment("root")
    void callsAreCountedUnderTheirOwnProtocol() throws Exception {
        Reply reply = GrpcWebWire.http11(endpoints.http(SERVICE + "Echo"), GrpcWebWire.BINARY,
                GrpcWebWire.body(EchoRequest.newBuilder().setText("counted").build(), false));
        assertThat(reply.status()).as(reply.toString()).isZero();
        String metrics = Clients.send(Clients.http(endpoints), "GET", endpoints.http("/metrics"), null, null).body();
        assertThat(metrics).containsPattern(
                "grpc_server_calls_total\\{method=\"switchboard.test.v1.EchoService/Echo\",protocol=\"grpc-web\",status=\"OK\"} [1-9]");
    }

    /** What every gRPC-Web answer must be: HTTP 200, its content type, well framed, no HTTP trailers. */
    static void assertWire(Reply reply, Way way) {
        assertThat(reply.httpStatus()).as(way + " " + reply).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).as(way + " " + reply)
                .isEqualTo(way.text ? "application/grpc-web-text+proto" : "application/grpc-web+proto");
        assertThat(reply.problem()).as(way + " " + reply).isNull();
        assertThat(reply.httpTrailers()).as(way + " " + reply).isEmpty();
        assertThat(reply.status()).as(way + ": a grpc-status, in the headers or the trailer frame: " + reply).isNotEqualTo(-1);
    }

    /** Every way to call: both transports (contexts), binary and text, HTTP/1.1 and h2c. */
    List<Way> ways(RawH2 h2) {
        List<Way> ways = new ArrayList<>();
        for (String context : CONTEXTS) {
            for (boolean text : List.of(false, true)) {
                ways.add(new Way(context, text, null));
                ways.add(new Way(context, text, h2));
            }
        }
        return ways;
    }

    /** One way to call: a context (transport), binary or text, HTTP/1.1 (h2 null) or h2c. */
    final class Way {
        final String context;
        final boolean text;
        final RawH2 h2;

        Way(String context, boolean text, RawH2 h2) {
            this.context = context;
            this.text = text;
            this.h2 = h2;
        }

        Reply call(String method, MessageLite request, String... headers) throws Exception {
            return send(method, GrpcWebWire.body(request, text), headers);
        }

        Reply send(String method, byte[] body, String... headers) throws Exception {
            String path = context + SERVICE + method;
            String type = text ? GrpcWebWire.TEXT : GrpcWebWire.BINARY;
            return h2 == null ? GrpcWebWire.http11(endpoints.http(path), type, body, headers)
                    : GrpcWebWire.h2c(h2, path, type, body, headers);
        }

        @Override
        public String toString() {
            return (context.isEmpty() ? "/" : context) + (text ? " text" : " binary") + (h2 == null ? " HTTP/1.1" : " h2c");
        }
    }
}
