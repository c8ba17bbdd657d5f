package dev.switchboard.internal.grpcweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.switchboard.internal.gateway.codec.RandomCases;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * The text body's decoder, read as {@code UnaryStream} reads within the dispatch ({@code available()}, then
 * {@code read}): any split of the body into reads, one base64 text or separately padded chunks, padded or not at the
 * end; and what is not base64 ends the frames mid-frame, whatever the frame position, with the fault named.
 */
class Base64RequestBodyTest {

    @Test
    void decodesWhatEveryClientFormSendsHoweverTheReadsSplitIt() throws IOException {
        SplittableRandom random = new SplittableRandom(RandomCases.SEED);
        for (int i = 0; i < 300; i++) {
            byte[] frames = frames(random, 1 + random.nextInt(3));
            for (int form = 0; form < 3; form++) {
                byte[] text = switch (form) {
                    case 0 -> Base64.getEncoder().encode(frames);
                    case 1 -> Base64.getEncoder().withoutPadding().encode(frames);
                    default -> paddedChunks(random, frames);
                };
                Base64RequestBody body = new Base64RequestBody(new Trickle(text, random.split()));
                assertThat(readAll(body)).as("seed %d case %d form %d: %s", RandomCases.SEED, i, form,
                        new String(text, StandardCharsets.US_ASCII)).isEqualTo(frames);
                assertThat(body.fault()).isNull();
            }
        }
    }

    @Test
    void whatIsNotBase64EndsTheBodyMidFrameWithItsFaultNamed() throws IOException {
        SplittableRandom random = new SplittableRandom(RandomCases.SEED);
        for (int i = 0; i < 300; i++) {
            byte[] frames = frames(random, 1 + random.nextInt(2));
            // cut at a group boundary anywhere, frame boundaries included, then a character base64 has not
            int groups = Base64.getEncoder().encode(frames).length / 4;
            int cut = random.nextInt(groups + 1) * 4;
            String good = new String(Base64.getEncoder().encode(frames), StandardCharsets.US_ASCII).substring(0, cut);
            String bad = "!*-_ é\u0000".substring(random.nextInt(7)).substring(0, 1);
            byte[] text = (good + bad + "AAAA").getBytes(StandardCharsets.UTF_8);
            Base64RequestBody body = new Base64RequestBody(new Trickle(text, random.split()));
            byte[] decoded = readAll(body);
            assertThat(body.fault()).as("case %d: %s", i, good + bad).contains("not base64").contains("offset " + cut);
            assertThat(endsMidFrame(decoded)).as("case %d: %s decoded to %s", i, good + bad, Arrays.toString(decoded)).isTrue();
        }
        for (String bad : new String[] {"A", "AAAAA", "AA=A", "A===", "=AAA"}) {
            Base64RequestBody body = new Base64RequestBody(new Trickle(bad.getBytes(StandardCharsets.US_ASCII), random.split()));
            assertThat(endsMidFrame(readAll(body))).as(bad).isTrue();
            assertThat(body.fault()).as(bad).isNotNull();
        }
    }

    private static byte[] frames(SplittableRandom random, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(1, 3000)];
            random.nextBytes(payload);
            out.writeBytes(ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(payload.length).put(payload).array());
        }
        return out.toByteArray();
    }

    /** The frames cut anywhere, each piece base64 of its own with padding: gRPC-Web's streaming form. */
    private static byte[] paddedChunks(SplittableRandom random, byte[] frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < frames.length) {
            int n = Math.min(frames.length - at, 1 + random.nextInt(40));
            out.writeBytes(Base64.getEncoder().encode(Arrays.copyOfRange(frames, at, at + n)));
            at += n;
        }
        return out.toByteArray();
    }

    /** Reads as UnaryStream does within the dispatch: what is available, until finished. */
    private static byte[] readAll(Base64RequestBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        for (int rounds = 0; rounds < 100_000 && !body.isFinished(); rounds++) {
            int n = body.available() > 0 ? body.read(buffer, 0, Math.min(buffer.length, body.available())) : body.read(buffer, 0, buffer.length);
            if (n > 0) {
                out.write(buffer, 0, n);
            }
        }
        assertThat(body.isFinished()).isTrue();
        return out.toByteArray();
    }

    private static boolean endsMidFrame(byte[] decoded) {
        ByteBuffer in = ByteBuffer.wrap(decoded);
        while (in.remaining() >= 5) {
            in.get();
            int length = in.getInt();
            if (length > in.remaining()) {
                return true;
            }
            in.position(in.position() + length);
        }
        return in.hasRemaining();
    }

    /** A raw body that arrives in random pieces: available() says what one read gives, 0 now and then. */
    private static final class Trickle extends ServletInputStream {
        private final byte[] bytes;
        private final SplittableRandom random;
        private int at;
        private int ready;

        Trickle(byte[] bytes, SplittableRandom random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int available() {
            if (ready == 0 && at < bytes.length && random.nextInt(4) != 0) {
                ready = Math.min(bytes.length - at, 1 + random.nextInt(9000));
            }
            return ready;
        }

        @Override
        public boolean isFinished() {
            return at == bytes.length;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(len, Math.max(1, ready == 0 ? Math.min(bytes.length - at, 1 + random.nextInt(100)) : ready));
            n = Math.min(n, bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            ready = Math.max(0, ready - n);
            return n;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
