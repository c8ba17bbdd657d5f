package dev.switchboard.internal.grpc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import dev.switchboard.internal.chain.CallAdmission;
import io.grpc.MethodDescriptor;
import jakarta.servlet.http.HttpServletRequest;

/** What the tests of the native transports' streams share: byte[] methods, framing, a request, the admission's state. */
final class TestCalls {

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private TestCalls() {
    }

    /** Whether no call holds the admission: all ten places can be taken (retried briefly: the end comes after the answer). */
    static boolean admissionFree(CallAdmission admission) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int entered = 0;
            while (entered < 10 && admission.enter()) {
                entered++;
            }
            for (int i = 0; i < entered; i++) {
                admission.leave();
            }
            if (entered == 10) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName("test.Native/" + name).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    static byte[] frame(byte[] message) {
        ByteBuffer framed = ByteBuffer.allocate(5 + message.length);
        framed.put((byte) 0).putInt(message.length).put(message);
        return framed.array();
    }

    /** A servlet request with just what the dispatch reads; everything else answers null, false or 0. */
    static HttpServletRequest request(String uri, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/grpc");
        headers.put("te", "trailers");
        headers.putAll(extraHeaders);
        return (HttpServletRequest) Proxy.newProxyInstance(TestCalls.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getHeader" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase((String) args[0])).map(Map.Entry::getValue).toList());
                    case "getServerName", "getRemoteAddr", "getLocalAddr" -> "127.0.0.1";
                    case "getServerPort", "getRemotePort", "getLocalPort" -> 8080;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request " + uri;
                    default -> defaultOf(m.getReturnType());
                });
    }

    static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return type == long.class ? (Object) 0L : null;
    }
}
