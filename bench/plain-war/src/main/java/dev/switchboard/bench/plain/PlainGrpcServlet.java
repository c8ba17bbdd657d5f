package dev.switchboard.bench.plain;

import java.io.IOException;
import java.util.Map;

import com.google.protobuf.CodedOutputStream;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.proto.Messages.SimpleResponse;
import io.grpc.benchmarks.qps.AsyncServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gRPC baseline on the servlet API (J's gRPC route): the least a servlet can do for a unary gRPC call — read the
 * one length-prefixed message, call the same service implementation directly, write the framed response and
 * {@code grpc-status} as a trailer. Synchronous, uncompressed only, no grpc-core, no CDI: it shows what Jetty's
 * servlet layer itself costs per gRPC call, i.e. the ceiling of any transport written on the servlet API.
 */
public class PlainGrpcServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> OK = Map.of("grpc-status", "0");

    private final transient AsyncServer.BenchmarkServiceImpl impl = new AsyncServer.BenchmarkServiceImpl();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        if (body.length < 5 || body[0] != 0) {
            resp.sendError(400, "expected one uncompressed gRPC message");
            return;
        }
        SimpleRequest request = SimpleRequest.parseFrom(java.nio.ByteBuffer.wrap(body, 5, body.length - 5));
        UnaryCapture capture = new UnaryCapture();
        impl.unaryCall(request, capture);
        resp.setStatus(200);
        resp.setContentType("application/grpc");
        if (capture.response == null) {
            resp.setTrailerFields(() -> Map.of("grpc-status", "13"));
            return;
        }
        byte[] out = framed(capture.response);
        resp.setTrailerFields(() -> OK);
        resp.getOutputStream().write(out);
    }

    /** A message as one uncompressed gRPC frame: 5-byte prefix, then the message (also used by jetty-core/). */
    public static byte[] framed(SimpleResponse message) throws IOException {
        int size = message.getSerializedSize();
        byte[] out = new byte[5 + size];
        out[1] = (byte) (size >>> 24);
        out[2] = (byte) (size >>> 16);
        out[3] = (byte) (size >>> 8);
        out[4] = (byte) size;
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 5, size);
        message.writeTo(coded);
        return out;
    }
}
