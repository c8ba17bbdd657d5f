package dev.switchboard.internal.port;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;

import dev.switchboard.Switchboard;
import dev.switchboard.internal.container.ApplicationThreads;
import dev.switchboard.internal.container.CallPool;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The optional dedicated gRPC port: grpc-java's Netty server (grpc-netty-shaded) serving the same intercepted service
 * definitions as the servlet transport. Its threads are its own — event loops and a bounded pool for service code —
 * carry the web application's class loader as context class loader, and end when it stops. The only class that
 * touches Netty, so the WAR needs grpc-netty-shaded only when the port is configured.
 */
public final class GrpcPortServer {

    private static final Logger LOG = Logger.getLogger(GrpcPortServer.class.getName());
    public static final String NETTY_CLASS = "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder";

    private final Server server;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService executor;
    private final int port;

    private GrpcPortServer(Server server, EventLoopGroup boss, EventLoopGroup workers, ExecutorService executor, int port) {
        this.server = server;
        this.boss = boss;
        this.workers = workers;
        this.executor = executor;
        this.port = port;
    }

    /** Binds and starts; throws, naming the context-param to fix, when the port or TLS cannot be set up. */
    public static GrpcPortServer start(GrpcPortSettings settings, List<ServerServiceDefinition> services, int maxRequestBytes,
            boolean directExecutor, ApplicationThreads threads, ScheduledExecutorService timer) {
        ServerCredentials credentials = credentials(settings.tls());
        SocketAddress address;
        try {
            address = settings.address();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_HOST + ": " + e.getMessage(), e);
        }
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_HOST + " is '" + settings.host()
                    + "', which does not resolve to an address of this machine");
        }
        NettyServerBuilder builder;
        try {
            builder = NettyServerBuilder.forAddress(address, credentials);
        } catch (RuntimeException e) {
            // grpc-java builds the SslContext here: a key that does not match, a file that is not PEM...
            throw new IllegalArgumentException("Switchboard cannot set up TLS on the dedicated gRPC port with context-params "
                    + Switchboard.GRPC_TLS_CERT_CHAIN + "/" + Switchboard.GRPC_TLS_PRIVATE_KEY + " or " + Switchboard.GRPC_TLS_KEY_STORE
                    + ", " + Switchboard.GRPC_TLS_TRUST_CERTS + ": " + e.getMessage(), e);
        }
        EventLoopGroup boss = new NioEventLoopGroup(1, threads.factory("switchboard-grpc-boss"));
        EventLoopGroup workers = new NioEventLoopGroup(0, threads.factory("switchboard-grpc-io"));
        ExecutorService executor = null;
        builder.bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .channelType(NioServerSocketChannel.class)
                .maxInboundMessageSize(maxRequestBytes);
        if (directExecutor) {
            builder.directExecutor();
        } else {
            // Bounded, unlike grpc-java's default: more calls than threads wait in the queue instead of spawning threads.
            executor = new CallPool(threads.factory("switchboard-grpc-call"), settings.threads(), timer);
            builder.executor(executor);
        }
        services.forEach(builder::addService);
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.shutdownNow();
            release(boss, workers, executor);
            if (e instanceof UnresolvedAddressException) {
                throw new IllegalArgumentException("context-param " + Switchboard.GRPC_HOST + " is '" + settings.host()
                        + "', which does not resolve", e);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Switchboard cannot open the dedicated gRPC port " + settings.describe()
                    + " (context-params " + Switchboard.GRPC_PORT + ", " + Switchboard.GRPC_HOST + "): " + cause.getMessage()
                    + (settings.tls() == null ? "" : " — or its TLS settings (" + Switchboard.GRPC_TLS_CERT_CHAIN + ", "
                            + Switchboard.GRPC_TLS_PRIVATE_KEY + ", " + Switchboard.GRPC_TLS_KEY_STORE + ") are wrong"), e);
        }
        int bound = server.getListenSockets().stream().filter(InetSocketAddress.class::isInstance)
                .map(a -> ((InetSocketAddress) a).getPort()).findFirst().orElse(server.getPort());
        return new GrpcPortServer(server, boss, workers, executor, bound);
    }

    private static ServerCredentials credentials(GrpcPortSettings.Tls tls) {
        if (tls == null) {
            return InsecureServerCredentials.create();
        }
        TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder();
        if (tls.certChain() != null) {
            checkKeyMatches(tls);
            try {
                builder.keyManager(tls.certChain().toFile(), tls.privateKey().toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("context-params " + Switchboard.GRPC_TLS_CERT_CHAIN + " ("
                        + tls.certChain() + ") and " + Switchboard.GRPC_TLS_PRIVATE_KEY + " (" + tls.privateKey()
                        + "): cannot be read: " + e.getMessage(), e);
            }
        } else {
            try (InputStream in = Files.newInputStream(tls.keyStore())) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                char[] password = tls.keyStorePassword().toCharArray();
                store.load(in, password);
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
                builder.keyManager(keys.getKeyManagers());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_KEY_STORE + " (" + tls.keyStore()
                        + "): not a PKCS12 key store this " + Switchboard.GRPC_TLS_KEY_STORE_PASSWORD + " opens: "
                        + e.getMessage(), e);
            }
        }
        if (tls.trustCerts() != null) {
            try {
                builder.trustManager(tls.trustCerts().toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_TRUST_CERTS + " ("
                        + tls.trustCerts() + "): cannot be read as PEM certificates: " + e.getMessage(), e);
            }
        }
        builder.clientAuth(switch (tls.clientAuth()) {
            case NONE -> TlsServerCredentials.ClientAuth.NONE;
            case OPTIONAL -> TlsServerCredentials.ClientAuth.OPTIONAL;
            case REQUIRE -> TlsServerCredentials.ClientAuth.REQUIRE;
        });
        return builder.build();
    }

    /**
     * Netty takes a private key that does not belong to the certificate and fails every handshake later; check it
     * now, by signing with the key and verifying with the certificate. Keys Java cannot read as unencrypted PKCS#8
     * (PKCS#1, encrypted) are left to Netty.
     */
    private static void checkKeyMatches(GrpcPortSettings.Tls tls) {
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(tls.certChain())) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).stream().findFirst()
                    .orElseThrow(() -> new CertificateException("no certificate in the file"));
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_CERT_CHAIN + " (" + tls.certChain()
                    + "): not a PEM certificate chain: " + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            String pem = Files.readString(tls.privateKey(), StandardCharsets.US_ASCII);
            Matcher pkcs8 = Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----").matcher(pem);
            if (!pkcs8.find()) {
                return;
            }
            byte[] der = Base64.getMimeDecoder().decode(pkcs8.group(1));
            key = KeyFactory.getInstance(leaf.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_PRIVATE_KEY + " (" + tls.privateKey()
                    + "): not a private key for the " + leaf.getPublicKey().getAlgorithm() + " certificate of "
                    + Switchboard.GRPC_TLS_CERT_CHAIN + ": " + e.getMessage(), e);
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA: Ed25519, Ed448
        };
        boolean matches;
        try {
            byte[] probe = "switchboard".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return; // an algorithm we cannot probe: Netty decides
        }
        if (!matches) {
            throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TLS_PRIVATE_KEY + " (" + tls.privateKey()
                    + ") is not the private key of the certificate in " + Switchboard.GRPC_TLS_CERT_CHAIN + " ("
                    + tls.certChain() + ", " + leaf.getSubjectX500Principal().getName() + ")");
        }
    }

    /** The port listened on: the one asked for, or the one picked for port 0. */
    public int port() {
        return port;
    }

    /**
     * Stops taking new connections and calls (GOAWAY to clients), lets {@code drainCalls} run — it waits for calls
     * in flight and cuts those left — then gives the transports what remains of {@code grace} to close before
     * forcing them, and ends every thread.
     */
    public void stop(Duration grace, Runnable drainCalls) {
        long deadline = System.nanoTime() + grace.toNanos();
        server.shutdown();
        drainCalls.run();
        try {
            long left = Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(500));
            if (!server.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                server.shutdownNow();
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warning("Switchboard: the dedicated gRPC port did not close within 5 s of being forced");
                }
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        release(boss, workers, executor);
    }

    private static void release(EventLoopGroup boss, EventLoopGroup workers, ExecutorService executor) {
        boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        if (executor != null) {
            executor.shutdownNow();
        }
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
