/**
 * Message codecs and framing for the gateway: {@code MessageCodec} with {@code JsonCodec} (strict proto3 JSON through
 * protobuf-java-util, checked first by {@code JsonPrecheck} and {@code JsonScalars}) and {@code ProtoCodec};
 * {@code Envelopes} and {@code MessageReader} for Connect envelopes and NDJSON; {@code LimitedInputStream} for body
 * size limits; {@code ErrorBody} and {@code ErrorDetails} for the JSON error body.
 *
 * <p>Not API. Pure functions of bytes and messages: no servlet requests, no transport. It uses the public API (for
 * context-param defaults) and nothing else of Switchboard; never the boot package {@code dev.switchboard.internal}
 * nor {@code internal.grpc} (LayoutRulesTest).
 */
package dev.switchboard.internal.gateway.codec;
