package dev.switchboard.testing.jetty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CLIENT-CERT test users a build generated as files for a container in another process (WildFly, the Jetty
 * distribution): {@code switchboard-user-NAME.p12}, the key under the alias NAME, one password for all.
 */
public final class UserCertificates {

    public static final String FILE_PREFIX = "switchboard-user-";
    private static final String FILE_SUFFIX = ".p12";

    private UserCertificates() {
    }

    /** By user name, every {@code switchboard-user-NAME.p12} in {@code directory}. */
    public static Map<String, SelfSignedCertificate> load(Path directory, char[] password) {
        Map<String, SelfSignedCertificate> users = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(file -> file.getFileName().toString())
                    .filter(file -> file.startsWith(FILE_PREFIX) && file.endsWith(FILE_SUFFIX))
                    .forEach(file -> {
                        String name = file.substring(FILE_PREFIX.length(), file.length() - FILE_SUFFIX.length());
                        users.put(name, SelfSignedCertificate.load(directory.resolve(file), password, name));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return users;
    }
}
