package dev.switchboard.internal.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.Switchboard;

class GrpcPortSettingsTest {

    @TempDir
    Path dir;

    private static GrpcPortSettings parse(String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return GrpcPortSettings.from(map::get);
    }

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "x");
    }

    @Test
    void absentPortMeansNoDedicatedPort() {
        assertThat(parse()).isNull();
        assertThat(parse(Switchboard.GRPC_PORT, " ")).isNull();
    }

    @Test
    void defaultsAreTheSeeds() {
        GrpcPortSettings settings = parse(Switchboard.GRPC_PORT, "50051");
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(50051);
        assertThat(settings.threads()).isEqualTo(Switchboard.DEFAULT_GRPC_THREADS);
        assertThat(settings.tls()).isNull();
        assertThat(settings.describe()).isEqualTo("127.0.0.1:50051");
    }

    @Test
    void wildcardHostsBindEveryInterface() {
        for (String any : new String[] {"*", "0.0.0.0", "::", "[::]"}) {
            GrpcPortSettings settings = parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_HOST, any);
            assertThat(settings.host()).as(any).isNull();
            assertThat(settings.address().getAddress().isAnyLocalAddress()).as(any).isTrue();
        }
        assertThat(parse(Switchboard.GRPC_PORT, "1", Switchboard.GRPC_HOST, "[::1]").describe()).isEqualTo("[::1]:1");
    }

    @Test
    void badNumbersNameTheirParam() {
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "70000")).hasMessageContaining(Switchboard.GRPC_PORT)
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "http")).hasMessageContaining(Switchboard.GRPC_PORT);
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_THREADS, "0"))
                .hasMessageContaining(Switchboard.GRPC_THREADS);
    }

    @Test
    void portSettingsWithoutAPortAreAMistake() {
        assertThatThrownBy(() -> parse(Switchboard.GRPC_HOST, "0.0.0.0")).hasMessageContaining(Switchboard.GRPC_HOST)
                .hasMessageContaining(Switchboard.GRPC_PORT);
    }

    @Test
    void tlsFromPemFilesWithClientAuthRequiredByDefaultWhenTrustCertsAreGiven() throws Exception {
        Path cert = file("cert.pem");
        Path key = file("key.pem");
        Path trust = file("trust.pem");
        GrpcPortSettings.Tls tls = parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, cert.toString(),
                Switchboard.GRPC_TLS_PRIVATE_KEY, key.toString()).tls();
        assertThat(tls.certChain()).isEqualTo(cert);
        assertThat(tls.clientAuth()).isEqualTo(GrpcPortSettings.ClientAuth.NONE);
        tls = parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, cert.toString(),
                Switchboard.GRPC_TLS_PRIVATE_KEY, key.toString(), Switchboard.GRPC_TLS_TRUST_CERTS, trust.toString()).tls();
        assertThat(tls.clientAuth()).isEqualTo(GrpcPortSettings.ClientAuth.REQUIRE);
        tls = parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, cert.toString(),
                Switchboard.GRPC_TLS_PRIVATE_KEY, key.toString(), Switchboard.GRPC_TLS_TRUST_CERTS, trust.toString(),
                Switchboard.GRPC_TLS_CLIENT_AUTH, "Optional").tls();
        assertThat(tls.clientAuth()).isEqualTo(GrpcPortSettings.ClientAuth.OPTIONAL);
    }

    @Test
    void tlsMistakesNameTheParamToFix() throws Exception {
        String cert = file("cert.pem").toString();
        String key = file("key.pem").toString();
        String missing = dir.resolve("missing.pem").toString();
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, missing,
                Switchboard.GRPC_TLS_PRIVATE_KEY, key)).hasMessageContaining(Switchboard.GRPC_TLS_CERT_CHAIN)
                .hasMessageContaining("missing.pem").hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, cert))
                .hasMessageContaining(Switchboard.GRPC_TLS_PRIVATE_KEY);
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_KEY_STORE, cert))
                .hasMessageContaining(Switchboard.GRPC_TLS_KEY_STORE_PASSWORD);
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_TRUST_CERTS, cert))
                .hasMessageContaining(Switchboard.GRPC_TLS_TRUST_CERTS).hasMessageContaining("needs TLS");
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, cert,
                Switchboard.GRPC_TLS_PRIVATE_KEY, key, Switchboard.GRPC_TLS_CLIENT_AUTH, "require"))
                .hasMessageContaining(Switchboard.GRPC_TLS_TRUST_CERTS);
        assertThatThrownBy(() -> parse(Switchboard.GRPC_PORT, "0", Switchboard.GRPC_TLS_CERT_CHAIN, cert,
                Switchboard.GRPC_TLS_PRIVATE_KEY, key, Switchboard.GRPC_TLS_CLIENT_AUTH, "maybe"))
                .hasMessageContaining(Switchboard.GRPC_TLS_CLIENT_AUTH).hasMessageContaining("maybe");
    }
}
