package dev.switchboard.testing.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away TLS identity for tests and the example launcher: RSA 2048, CN=localhost (or a subject of your own),
 * SANs DNS:localhost and IP:127.0.0.1, usable by servers and clients, valid from yesterday (clock skew) for 30 days.
 * Generated with BouncyCastle because the JDK has no public API to build certificates.
 */
public final class SelfSignedCertificate {

    /** Alias of the key entry in {@link #keyStore()}. */
    public static final String ALIAS = "server";

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyStore keyStore, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    public static SelfSignedCertificate generate() {
        return generate("CN=localhost");
    }

    /**
     * The same with another subject, e.g. {@code "CN=alice, O=Switchboard tests"}: client certificates that a
     * CLIENT-CERT login tells apart by subject name ({@link EmbeddedJetty#addClientCertificateUser}).
     */
    public static SelfSignedCertificate generate(String subject) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair keys = generator.generateKeyPair();

            X500Name name = new X500Name(subject);
            Instant notBefore = Instant.now().minus(Duration.ofDays(1));
            Instant notAfter = notBefore.plus(Duration.ofDays(30));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));

            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            certificate.verify(keys.getPublic());

            char[] password = Long.toHexString(random.nextLong()).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, keys.getPrivate(), password, new X509Certificate[] {certificate});
            return new SelfSignedCertificate(store, password, certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate a self-signed certificate", e);
        }
    }

    /**
     * A TLS identity that already exists: the key entry {@code alias} of a PKCS12 key store file, e.g. one made by
     * {@code keytool -genkeypair} for a server that is not ours to configure. The store and the key share
     * {@code password}; {@link #keyStore()} returns the store as loaded, whatever the alias.
     */
    public static SelfSignedCertificate load(Path pkcs12, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Certificate certificate = store.getCertificate(alias);
            if (!(certificate instanceof X509Certificate x509) || !store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("No key entry with an X.509 certificate under alias '" + alias + "' in " + pkcs12);
            }
            return new SelfSignedCertificate(store, password.clone(), x509);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot load the key store " + pkcs12, e);
        }
    }

    /** PKCS12 key store holding the private key and certificate under {@link #ALIAS}. */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** Password of both the key store and the key entry. */
    public char[] password() {
        return password.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM, e.g. for {@code curl --cacert} or grpcurl. */
    public String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A client SSLContext trusting this certificate only (for java.net.http.HttpClient and the like). */
    public SSLContext clientSslContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a client SSLContext", e);
        }
    }
}
