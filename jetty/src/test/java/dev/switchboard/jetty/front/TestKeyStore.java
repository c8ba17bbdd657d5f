package dev.switchboard.jetty.front;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKCS12 key store with a self-signed localhost certificate, made by the JDK's keytool: this jar is below
 * switchboard-arquillian-jetty (which has a BouncyCastle generator) and the JDK has no API to build certificates.
 */
final class TestKeyStore {

    static final String PASSWORD = "switchboard";

    private TestKeyStore() {
    }

    static Path generate() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("switchboard-test-keystore");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        store.toFile().deleteOnExit();
        dir.resolve("keytool.log").toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return store;
    }
}
