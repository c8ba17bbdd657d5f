package dev.switchboard.internal.port;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

import dev.switchboard.Switchboard;

/**
 * The dedicated gRPC port's context-params ({@code switchboard.grpc.*}), read and checked at startup; every error
 * names the context-param to fix.
 *
 * @param host    the address to bind; null for every interface
 * @param tls     null for plaintext
 */
public record GrpcPortSettings(String host, int port, int threads, Tls tls) {

    public enum ClientAuth { NONE, OPTIONAL, REQUIRE }

    /**
     * TLS identity — PEM files ({@code certChain} + {@code privateKey}) or a PKCS12 {@code keyStore} — and, for
     * client-certificate TLS, the PEM file of the certificates clients must be issued by.
     */
    public record Tls(Path certChain, Path privateKey, Path keyStore, String keyStorePassword, Path trustCerts, ClientAuth clientAuth) {
    }

    /** The address to bind. */
    InetSocketAddress address() {
        return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** What is bound, for messages: {@code 127.0.0.1:50051}, {@code *:50051}. */
    public String describe() {
        return (host == null ? "*" : host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The settings, or null when {@value Switchboard#GRPC_PORT} is absent (no dedicated port). */
    public static GrpcPortSettings from(UnaryOperator<String> params) {
        String portValue = value(params, Switchboard.GRPC_PORT);
        if (portValue == null) {
            for (String other : new String[] {Switchboard.GRPC_HOST, Switchboard.GRPC_THREADS, Switchboard.GRPC_TLS_CERT_CHAIN,
                    Switchboard.GRPC_TLS_PRIVATE_KEY, Switchboard.GRPC_TLS_KEY_STORE, Switchboard.GRPC_TLS_TRUST_CERTS,
                    Switchboard.GRPC_TLS_CLIENT_AUTH}) {
                if (value(params, other) != null) {
                    throw new IllegalArgumentException("context-param " + other + " is set but " + Switchboard.GRPC_PORT
                            + " is not: set " + Switchboard.GRPC_PORT + " (0 for any free port) to open the dedicated gRPC port");
                }
            }
            return null;
        }
        int port = integer(Switchboard.GRPC_PORT, portValue, 0, 65535);
        String hostValue = value(params, Switchboard.GRPC_HOST);
        String host = hostValue == null ? Switchboard.DEFAULT_GRPC_HOST : hostValue;
        if (host.equals("*") || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = null;
        } else if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String threadsValue = value(params, Switchboard.GRPC_THREADS);
        int threads = threadsValue == null ? Switchboard.DEFAULT_GRPC_THREADS
                : integer(Switchboard.GRPC_THREADS, threadsValue, 1, 10_000);
        return new GrpcPortSettings(host, port, threads, tls(params));
    }

    private static Tls tls(UnaryOperator<String> params) {
        Path certChain = file(params, Switchboard.GRPC_TLS_CERT_CHAIN);
        Path privateKey = file(params, Switchboard.GRPC_TLS_PRIVATE_KEY);
        Path keyStore = file(params, Switchboard.GRPC_TLS_KEY_STORE);
        String keyStorePassword = params.apply(Switchboard.GRPC_TLS_KEY_STORE_PASSWORD);
        Path trustCerts = file(params, Switchboard.GRPC_TLS_TRUST_CERTS);
        String clientAuthValue = value(params, Switchboard.GRPC_TLS_CLIENT_AUTH);
        if ((certChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("context-params " + Switchboard.GRPC_TLS_CERT_CHAIN + " and "
                    + Switchboard.GRPC_TLS_PRIVATE_KEY + " go together: set both (PEM files) or neither");
        }
        if (keyStore != null && certChain != null) {
            throw new IllegalArgumentException("context-params " + Switchboard.GRPC_TLS_KEY_STORE + " and "
                    + Switchboard.GRPC_TLS_CERT_CHAIN + " both give the TLS identity: set one of them");
        }
        if (keyStore != null && keyStorePassword == null) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_KEY_STORE + " needs "
                    + Switchboard.GRPC_TLS_KEY_STORE_PASSWORD);
        }
        if (keyStore == null && keyStorePassword != null) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_KEY_STORE_PASSWORD + " is set but "
                    + Switchboard.GRPC_TLS_KEY_STORE + " is not");
        }
        boolean identity = certChain != null || keyStore != null;
        if (!identity) {
            if (trustCerts != null || clientAuthValue != null) {
                throw new IllegalArgumentException("context-param " + (trustCerts != null ? Switchboard.GRPC_TLS_TRUST_CERTS
                        : Switchboard.GRPC_TLS_CLIENT_AUTH) + " needs TLS: set " + Switchboard.GRPC_TLS_CERT_CHAIN + " and "
                        + Switchboard.GRPC_TLS_PRIVATE_KEY + " (or " + Switchboard.GRPC_TLS_KEY_STORE + ")");
            }
            return null;
        }
        ClientAuth clientAuth;
        if (clientAuthValue == null) {
            clientAuth = trustCerts == null ? ClientAuth.NONE : ClientAuth.REQUIRE;
        } else {
            try {
                clientAuth = ClientAuth.valueOf(clientAuthValue.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_CLIENT_AUTH
                        + " must be require, optional or none, not '" + clientAuthValue + "'", e);
            }
        }
        if (clientAuth != ClientAuth.NONE && trustCerts == null) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_CLIENT_AUTH + " is "
                    + clientAuthValue + ": set " + Switchboard.GRPC_TLS_TRUST_CERTS
                    + " to the PEM file of the certificates client certificates must be issued by");
        }
        return new Tls(certChain, privateKey, keyStore, keyStorePassword, trustCerts, clientAuth);
    }

    private static String value(UnaryOperator<String> params, String name) {
        String value = params.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Path file(UnaryOperator<String> params, String name) {
        String value = value(params, name);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("context-param " + name + " names " + path.toAbsolutePath()
                    + ", which is not a readable file");
        }
        return path;
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new IllegalArgumentException("context-param " + name + " must be a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }
}
