package dev.switchboard.internal.grpcweb;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * The body of a {@code application/grpc-web-text} request, decoded from base64 as it arrives, for the gRPC transports
 * to read as the binary frames they expect — in whichever way they read: blocking, {@code available()} within the
 * dispatch ({@code UnaryStream}), or with a {@link ReadListener}. Holds at most one read's worth of the body.
 *
 * <p>The body is decoded in groups of four characters, each on its own, so both forms a client may send are read:
 * one base64 text, padded or not, and a concatenation of separately padded chunks ({@code "AAAA==AAAAAA"}: what
 * gRPC-Web's streaming form and Envoy's filter produce).
 *
 * <p>Not base64: the transports get no exception (they would answer it as a cancelled call, or, read within the
 * dispatch, not at all) but an end of the body mid-frame, which grpc-core refuses with {@code INTERNAL} before the
 * call runs; {@link #fault()} says why, for the response to name. The rest of the body is read and dropped, so that
 * the container sees its end.
 */
final class Base64RequestBody extends ServletInputStream {

    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final ServletInputStream raw;
    private final byte[] chars = new byte[8192];
    private final byte[] decoded = new byte[chars.length / 4 * 3 + 8];
    private int decodedAt;
    private int decodedEnd;
    /** The characters of a group not complete yet. */
    private final byte[] group = new byte[4];
    private int groupLength;
    /** Characters of the body read so far. */
    private long consumed;
    private boolean rawEnded;
    private boolean nonBlocking;
    private final FramePosition frames = new FramePosition();
    private volatile String fault;

    Base64RequestBody(ServletInputStream raw) {
        this.raw = raw;
    }

    /** Why the body could not be decoded; null while it could. */
    String fault() {
        return fault;
    }

    @Override
    public synchronized boolean isReady() {
        try {
            // Until something decoded or the raw body not ready: only its false arms the container's next callback.
            while (decodedAt == decodedEnd && !rawEnded && decodeMore(false)) {
                // a read of fewer than four characters, or of what a fault drops, decodes nothing
            }
        } catch (IOException e) {
            return false; // the container tells the listener (onError)
        }
        return decodedAt < decodedEnd || rawEnded;
    }

    @Override
    public synchronized boolean isFinished() {
        return rawEnded && decodedAt == decodedEnd;
    }

    @Override
    public synchronized int available() throws IOException {
        while (decodedAt == decodedEnd && !rawEnded && decodeMore(false)) {
            // as in isReady
        }
        return decodedEnd - decodedAt;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (decodedAt == decodedEnd && !rawEnded) {
            // Blocking mode may wait for the client; in non-blocking mode read() follows isReady(), which decoded.
            if (!decodeMore(!nonBlocking)) {
                return 0;
            }
        }
        if (decodedAt == decodedEnd) {
            return -1;
        }
        int n = Math.min(len, decodedEnd - decodedAt);
        System.arraycopy(decoded, decodedAt, b, off, n);
        decodedAt += n;
        return n;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        synchronized (this) {
            nonBlocking = true;
        }
        raw.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                listener.onDataAvailable();
            }

            @Override
            public void onAllDataRead() throws IOException {
                boolean more;
                synchronized (Base64RequestBody.this) {
                    // The container may know of the end before a read returned it: the last group is decoded now.
                    if (!rawEnded) {
                        end();
                    }
                    more = decodedAt < decodedEnd;
                }
                if (more) {
                    listener.onDataAvailable();
                }
                listener.onAllDataRead();
            }

            @Override
            public void onError(Throwable t) {
                listener.onError(t);
            }
        });
    }

    /**
     * One read of the raw body, decoded; false when nothing could be read without blocking ({@code mayBlock} false).
     * Holds the lock.
     */
    private boolean decodeMore(boolean mayBlock) throws IOException {
        int n;
            if (nonBlocking) {
                if (!raw.isReady()) {
                    return false;
                }
                n = raw.read(chars);
            } else if (mayBlock) {
                n = raw.read(chars);
            } else {
                int available = raw.available();
                if (available > 0) {
                    n = raw.read(chars, 0, Math.min(available, chars.length));
                } else if (raw.isFinished()) {
                    n = -1;
                } else {
                    return false;
                }
            }
        if (n < 0) {
            end();
        } else {
            decode(n);
        }
        return true;
    }

    private void decode(int n) {
        decodedAt = 0;
        decodedEnd = 0;
        for (int i = 0; i < n; i++) {
            byte c = chars[i];
            consumed++;
            if (fault != null) {
                continue; // dropping the rest, so that the container reaches its end
            }
            group[groupLength++] = c;
            if (groupLength == 4) {
                decodeGroup(4);
            }
        }
    }

    /** The end of the raw body: its last group may be unpadded. Holds the lock. */
    private void end() {
        rawEnded = true;
        if (fault == null && groupLength > 0) {
            decodeGroup(groupLength);
        }
        if (fault != null) {
            // End the frames the transport sees mid-frame: refused before the call runs (see the class comment).
            if (frames.atBoundary()) {
                decoded[decodedEnd++] = 0;
            }
        }
    }

    /** Decodes the group's {@code length} characters (2 to 4; padding allowed at the end). */
    private void decodeGroup(int length) {
        if (length == 1) {
            failAt(group[0], 0, 1); // one character left over encodes no byte
            return;
        }
        int start = decodedEnd;
        int padding = 0;
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            byte c = i < length ? group[i] : (byte) '=';
            int value;
            if (c == '=' && i >= 2) {
                padding++;
                value = 0;
            } else if (padding > 0 || c < 0 || VALUES[c] < 0) {
                failAt(c, i, length);
                return;
            } else {
                value = VALUES[c];
            }
            bits = bits << 6 | value;
        }
        groupLength = 0;
        decoded[decodedEnd++] = (byte) (bits >> 16);
        if (padding < 2) {
            decoded[decodedEnd++] = (byte) (bits >> 8);
        }
        if (padding < 1) {
            decoded[decodedEnd++] = (byte) bits;
        }
        frames.advance(decoded, start, decodedEnd);
    }

    private void failAt(byte c, int inGroup, int length) {
        groupLength = 0;
        fault = "the grpc-web-text body is not base64 (character 0x" + Integer.toHexString(c & 0xff) + " at offset "
                + (consumed - length + inGroup) + ")";
    }

    /** Where the decoded bytes are in gRPC's length-prefixed frames: in a header, or how much payload is left. */
    private static final class FramePosition {
        private int headerAt;
        private long length;
        private long payloadLeft;

        void advance(byte[] bytes, int from, int to) {
            int i = from;
            while (i < to) {
                if (payloadLeft > 0) {
                    long step = Math.min(payloadLeft, to - i);
                    payloadLeft -= step;
                    i += (int) step;
                    continue;
                }
                if (headerAt > 0) {
                    length = length << 8 | (bytes[i] & 0xff);
                }
                headerAt++;
                i++;
                if (headerAt == 5) {
                    headerAt = 0;
                    payloadLeft = length;
                    length = 0;
                }
            }
        }

        boolean atBoundary() {
            return headerAt == 0 && payloadLeft == 0;
        }
    }
}
