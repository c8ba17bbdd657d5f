package dev.switchboard.testing.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Build step (arquillian-jetty-standalone/pom.xml, after keytool made the user's key store): writes a CLIENT-CERT user
 * into the jetty-base's realm properties as Jetty's {@code SslClientCertAuthenticator} logs it in — named by the
 * certificate's subject as {@code getSubjectDN().getName()} writes it, with the Base64 of the certificate's signature
 * as password, so only that certificate logs the user in (Jetty also tries an empty password first: never give a
 * certificate user one). keytool cannot print the signature, hence Java. Replaces an earlier line for the same user,
 * so rebuilding a base keeps one line per user.
 *
 * <p>Arguments: realm properties file, PKCS12 key store, its password, the alias, the roles (comma-separated).
 */
public final class CertificateRealmUser {

    private CertificateRealmUser() {
    }

    @SuppressWarnings("deprecation") // getSubjectDN is the name Jetty's SslClientCertAuthenticator logs in with
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: realm.properties keystore.p12 password alias roles");
        }
        Path realm = Path.of(args[0]);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            keyStore.load(in, args[2].toCharArray());
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(args[3]);
        if (certificate == null) {
            throw new IllegalArgumentException(args[1] + " has no certificate under the alias " + args[3]);
        }
        String user = escape(certificate.getSubjectDN().getName());
        String signature = Base64.getEncoder().encodeToString(certificate.getSignature());
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(realm, StandardCharsets.ISO_8859_1)) {
            if (!line.startsWith(user + ":")) {
                lines.add(line);
            }
        }
        lines.add(user + ": " + signature + "," + args[4]);
        Files.write(realm, lines, StandardCharsets.ISO_8859_1);
    }

    /** A properties key: a subject has spaces, '=' and ',' (Jetty reads the file with java.util.Properties). */
    static String escape(String key) {
        StringBuilder escaped = new StringBuilder();
        for (char c : key.toCharArray()) {
            if ("\\ =:#!".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
