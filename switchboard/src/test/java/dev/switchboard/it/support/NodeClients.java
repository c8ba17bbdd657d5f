package dev.switchboard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tests' Node client programs (src/test/node), with the npm packages its package-lock.json pins, installed
 * once per build with {@code npm ci} into target/node-clients. (The example's tests have their own, webapp/src/test/node.)
 */
public final class NodeClients {

    private static final Path DIR = Path.of("target/node-clients");

    private NodeClients() {
    }

    public static boolean available() throws Exception {
        return run(List.of("node", "--version"), Path.of(".")).exitValue() == 0
                && run(List.of("npm", "--version"), Path.of(".")).exitValue() == 0;
    }

    /** Runs {@code node script args...} in the installed project; its exit value and output. */
    public static Result node(String script, String... args) throws Exception {
        Path dir = installed();
        List<String> command = new java.util.ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Process process = run(command, dir);
        return new Result(process.exitValue(), output(process));
    }

    public record Result(int exitValue, String output) {
    }

    private static synchronized Path installed() throws Exception {
        Files.createDirectories(DIR);
        Path lock = Path.of("src/test/node", "package-lock.json");
        boolean sameLock = Files.exists(DIR.resolve("package-lock.json")) && Files.mismatch(lock, DIR.resolve("package-lock.json")) == -1;
        try (var files = Files.list(Path.of("src/test/node"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!sameLock || !Files.isDirectory(DIR.resolve("node_modules"))) {
            Process install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), DIR);
            if (install.exitValue() != 0) {
                throw new AssertionError("npm ci failed:\n" + output(install));
            }
        }
        return DIR;
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Runs a command to its end (3 minutes at most); a missing program is a failed process, not an exception. */
    private static Process run(List<String> command, Path dir) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new ProcessBuilder("false").start();
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return process;
    }
}
