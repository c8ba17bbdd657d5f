package dev.switchboard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Base64;

import dev.switchboard.testing.jetty.SelfSignedCertificate;

/** A test certificate as the PEM files a user would name in {@code switchboard.grpc.tls.*} context-params. */
public record PemFiles(Path certChain, Path privateKey) {

    /** Writes the certificate and its PKCS#8 private key as PEM into {@code dir}, named after {@code name}. */
    public static PemFiles write(SelfSignedCertificate certificate, Path dir, String name) {
        try {
            Key key = certificate.keyStore().getKey(SelfSignedCertificate.ALIAS, certificate.password());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path cert = Files.writeString(dir.resolve(name + "-cert.pem"), certificate.certificatePem(), StandardCharsets.US_ASCII);
            Path privateKey = Files.writeString(dir.resolve(name + "-key.pem"), pem, StandardCharsets.US_ASCII);
            return new PemFiles(cert, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
