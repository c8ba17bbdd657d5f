package dev.switchboard.internal.grpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.grpc.InternalStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.GrpcUtil;
import io.grpc.internal.TransportFrameUtil;

/** A response's headers and trailers as HTTP fields, for Switchboard's own transports. */
final class ResponseMetadata {

    private ResponseMetadata() {
    }

    /** The status into trailers that lack it: {@code AbstractServerStream.close} has put it in, cancellations made by a transport have not. */
    static void putStatus(Metadata trailers, Status status) {
        if (!trailers.containsKey(InternalStatus.CODE_KEY)) {
            trailers.put(InternalStatus.CODE_KEY, status);
            if (status.getDescription() != null) {
                trailers.put(InternalStatus.MESSAGE_KEY, status.getDescription());
            }
        }
    }

    /** Each field of the metadata, binary values base64-encoded; without the transport's own headers, which are not the application's to set. */
    static void forEachField(Metadata metadata, BiConsumer<String, String> action) {
        metadata.discardAll(GrpcUtil.CONTENT_TYPE_KEY);
        metadata.discardAll(GrpcUtil.TE_HEADER);
        metadata.discardAll(GrpcUtil.USER_AGENT_KEY);
        byte[][] serialized = TransportFrameUtil.toHttp2Headers(metadata);
        for (int i = 0; i < serialized.length; i += 2) {
            action.accept(new String(serialized[i], StandardCharsets.US_ASCII), new String(serialized[i + 1], StandardCharsets.US_ASCII));
        }
    }

    /** Response headers as name/value pairs: the content type, then the application's. */
    static List<String> headers(Metadata metadata) {
        List<String> headers = new ArrayList<>();
        headers.add("content-type");
        headers.add("application/grpc");
        addFields(headers, metadata);
        return headers;
    }

    /** A trailers-only answer's headers: grpc-status and the rest of the trailers go in them, there is no body. */
    static List<String> trailersOnly(Metadata trailers, Status status) {
        putStatus(trailers, status);
        return headers(trailers);
    }

    /** The metadata as name/value pairs, without the transport's own headers. */
    static List<String> fields(Metadata metadata) {
        List<String> fields = new ArrayList<>();
        addFields(fields, metadata);
        return fields;
    }

    private static void addFields(List<String> fields, Metadata metadata) {
        if (metadata != null) {
            forEachField(metadata, (name, value) -> {
                fields.add(name);
                fields.add(value);
            });
        }
    }
}
