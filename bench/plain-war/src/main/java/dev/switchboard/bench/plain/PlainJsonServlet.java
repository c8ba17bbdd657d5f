package dev.switchboard.bench.plain;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;
import io.grpc.benchmarks.qps.AsyncServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The JSON baseline (J): the least a servlet can do for the JSON route — parse with {@link JsonFormat}, call the
 * same service implementation directly, print with {@link JsonFormat}. Synchronous, no gRPC machinery, no CDI.
 */
public class PlainJsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AsyncServer.BenchmarkServiceImpl impl = new AsyncServer.BenchmarkServiceImpl();
    private final transient JsonFormat.Parser parser = JsonFormat.parser();
    private final transient JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SimpleRequest.Builder request = SimpleRequest.newBuilder();
        try (Reader body = new InputStreamReader(req.getInputStream(), StandardCharsets.UTF_8)) {
            parser.merge(body, request);
        } catch (InvalidProtocolBufferException e) {
            resp.sendError(400, e.getMessage());
            return;
        }
        UnaryCapture capture = new UnaryCapture();
        impl.unaryCall(request.build(), capture);
        if (capture.error != null || capture.response == null) {
            resp.sendError(500);
            return;
        }
        byte[] json = printer.print(capture.response).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(json.length);
        resp.getOutputStream().write(json);
    }
}
