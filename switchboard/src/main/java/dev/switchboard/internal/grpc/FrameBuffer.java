package dev.switchboard.internal.grpc;

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
}
