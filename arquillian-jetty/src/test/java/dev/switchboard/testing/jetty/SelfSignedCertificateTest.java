package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @Test
    void localhostCertificate() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate();
        X509Certificate certificate = generated.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        certificate.checkValidity(new Date());
        assertThat(certificate.getNotBefore()).isBefore(new Date(System.currentTimeMillis() - 23 * 3600_000L));
        assertThat(generated.keyStore().getType()).isEqualToIgnoringCase("PKCS12");
        assertThat(generated.keyStore().getKey(SelfSignedCertificate.ALIAS, generated.password())).isNotNull();
        assertThat(generated.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(generated.clientSslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void loadsAnExistingKeyStore(@TempDir Path dir) throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate();
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            generated.keyStore().store(out, generated.password());
        }
        SelfSignedCertificate loaded = SelfSignedCertificate.load(file, generated.password(), SelfSignedCertificate.ALIAS);
        assertThat(loaded.certificate()).isEqualTo(generated.certificate());
        assertThat(loaded.certificatePem()).isEqualTo(generated.certificatePem());
        assertThat(loaded.keyStore().getKey(SelfSignedCertificate.ALIAS, loaded.password())).isNotNull();
        assertThat(loaded.clientSslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void contextPaths() {
        assertThat(JettyEmbeddedContainer.contextPath("ROOT.war")).isEqualTo("/");
        assertThat(JettyEmbeddedContainer.contextPath("shop.war")).isEqualTo("/shop");
    }
}
