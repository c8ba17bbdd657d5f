package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 client on a plain socket, for what the JDK's client does not let a test choose: when the request body
 * goes out (after the head, late), and what happens on the same connection afterwards.
 */
public final class RawHttp1 implements AutoCloseable {

    /** A response: status, headers (names in lower case, last value wins), body as text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private final Socket socket;
    private final InputStream in;

    public RawHttp1(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
    }

    /** Writes a request's head: {@code method target}, {@code Host}, the given header lines, and the body's length. */
    public void head(String method, String target, int contentLength, String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(socket.getInetAddress().getHostAddress()).append(':').append(socket.getPort()).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Whether a response has begun to arrive within {@code millis}. */
    public boolean answersWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int first = read();
            pushedBack = first;
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private int pushedBack = -2;

    private int read() throws IOException {
        if (pushedBack != -2) {
            int b = pushedBack;
            pushedBack = -2;
            return b;
        }
        return in.read();
    }

    /** Reads one response (Content-Length or chunked); fails if the connection ends before it does. */
    public Response response() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the connection ended before a response");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(bytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(bytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers: none expected, skipped
            }
        }
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    /** Whether the server ends the connection (EOF or reset) within the socket's timeout, with nothing more sent. */
    public boolean endsConnection() throws IOException {
        try {
            return read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private byte[] bytes(int count) throws IOException {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            int b = read();
            if (b < 0) {
                throw new IOException("the connection ended within a response body");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = read(); b != '\n'; b = read()) {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
