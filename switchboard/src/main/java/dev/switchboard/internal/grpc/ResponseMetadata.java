package dev.switchboard.internal.grpc;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import io.grpc.InternalStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.GrpcUtil;
import io.grpc.internal.TransportFrameUtil;

/** A unary response's headers and trailers as HTTP fields, for both of Switchboard's unary transports. */
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
}
