package dev.switchboard.internal.grpc;

import java.util.List;

import io.grpc.internal.WritableBuffer;

/**
 * What grpc-core's framer writes a unary response into; sized by its hint (the message size, at most 1 MiB per buffer),
 * so that {@link UnaryResponse} can usually write the one buffer as it is, without a copy.
 */
final class FrameBuffer implements WritableBuffer {
    final byte[] bytes;
    int length;

    FrameBuffer(int capacityHint) {
        bytes = new byte[Math.min(capacityHint, 1024 * 1024)];
    }

    @Override
    public void write(byte[] src, int srcIndex, int count) {
        System.arraycopy(src, srcIndex, bytes, length, count);
        length += count;
    }

    @Override
    public void write(byte b) {
        bytes[length++] = b;
    }

    @Override
    public int writableBytes() {
        return bytes.length - length;
    }

    @Override
    public int readableBytes() {
        return length;
    }

    @Override
    public void release() {
    }

    /** How many bytes the framer wrote into {@code frames}. */
    static int length(List<FrameBuffer> frames) {
        int length = 0;
        for (FrameBuffer frame : frames) {
            length += frame.length;
        }
        return length;
    }

    /**
     * The response body the frames make, {@code length} bytes: the one buffer as it is when there is one (a message
     * up to 1 MiB, the usual case: no copy), else their bytes joined.
     */
    static byte[] body(List<FrameBuffer> frames, int length) {
        if (frames.size() == 1) {
            return frames.get(0).bytes;
        }
        byte[] body = new byte[length];
        int at = 0;
        for (FrameBuffer frame : frames) {
            System.arraycopy(frame.bytes, 0, body, at, frame.length);
            at += frame.length;
        }
        return body;
    }
}
