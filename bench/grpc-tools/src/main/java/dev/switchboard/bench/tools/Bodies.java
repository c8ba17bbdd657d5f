package dev.switchboard.bench.tools;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.util.JsonFormat;
import io.grpc.benchmarks.Utils;
import io.grpc.benchmarks.proto.Messages.PayloadType;
import io.grpc.benchmarks.proto.Messages.SimpleRequest;

/**
 * Writes the request bodies for the non-Java clients, made by grpc-benchmarks' own {@code Utils.makeRequest}:
 * {@code grpc-empty.bin} / {@code grpc-1k.bin} (a gRPC frame: flag byte 0, 4-byte big-endian length, the
 * serialized SimpleRequest) for h2load, and {@code json-64.json} (64 B payload each way, as proto3 JSON) for wrk/h2load.
 */
public final class Bodies {

    private Bodies() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        Files.write(dir.resolve("grpc-empty.bin"), frame(Utils.makeRequest(PayloadType.COMPRESSABLE, 0, 0)));
        Files.write(dir.resolve("grpc-1k.bin"), frame(Utils.makeRequest(PayloadType.COMPRESSABLE, 1024, 1024)));
        String json = JsonFormat.printer().omittingInsignificantWhitespace()
                .print(Utils.makeRequest(PayloadType.COMPRESSABLE, 64, 64));
        Files.writeString(dir.resolve("json-64.json"), json, StandardCharsets.UTF_8);
        System.out.println("Request bodies written to " + dir.toAbsolutePath());
    }

    static byte[] frame(SimpleRequest request) {
        byte[] message = request.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(5 + message.length);
        out.write(0);
        out.write(message.length >>> 24);
        out.write(message.length >>> 16);
        out.write(message.length >>> 8);
        out.write(message.length);
        out.writeBytes(message);
        return out.toByteArray();
    }
}
