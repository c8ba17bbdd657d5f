package dev.switchboard.internal.telemetry;

import java.util.List;

import io.grpc.Metadata;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Reads propagation fields ({@code traceparent}, {@code tracestate}, {@code baggage}...) from a call's metadata,
 * which holds the request's HTTP headers on every protocol: gRPC and gRPC-Web requests' headers through grpc-servlet,
 * JSON, Connect and HTTP-rule requests' through the gateway. A field sent in several headers is read as their values
 * joined by commas, as HTTP combines repeated headers (W3C: several {@code tracestate} headers are one list; several
 * {@code traceparent} headers are then invalid, and ignored by the propagator).
 */
final class MetadataGetter implements TextMapGetter<Metadata> {

    static final MetadataGetter INSTANCE = new MetadataGetter();

    private MetadataGetter() {
    }

    @Override
    public Iterable<String> keys(Metadata carrier) {
        return carrier.keys();
    }

    @Override
    public String get(Metadata carrier, String key) {
        if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            return null;
        }
        Iterable<String> values = carrier.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (values == null) {
            return null;
        }
        List<String> all = new java.util.ArrayList<>();
        values.forEach(all::add);
        return String.join(",", all);
    }
}
