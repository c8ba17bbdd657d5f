package dev.switchboard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tests' Node programs: one npm project a directory under src/test ({@link #TESTS}: node, the Node clients;
 * {@link #BROWSER}: browser, the pages for headless Chromium), each with the packages its package-lock.json pins,
 * installed once per build with {@code npm ci} into target/NAME-clients. (The example's tests have their own,
 * webapp/src/test/node.)
 */
public final class NodeClients {

    /** The Node clients (connect-node), src/test/node. */
    public static final NodeClients TESTS = new NodeClients("node");
    /** The browser pages and their runner (grpc-web, connect-web, puppeteer-core), src/test/browser. */
    public static final NodeClients BROWSER = new NodeClients("browser");

    private final Path source;
    private final Path dir;

    private NodeClients(String name) {
        this.source = Path.of("src/test", name);
        this.dir = Path.of("target", name + "-clients");
    }

    public static boolean available() throws Exception {
        return run(List.of("node", "--version"), Path.of(".")).exitValue() == 0
                && run(List.of("npm", "--version"), Path.of(".")).exitValue() == 0;
    }

    /** Runs {@code node script args...} in the installed {@link #TESTS} project; its exit value and output. */
    public static Result node(String script, String... args) throws Exception {
        return TESTS.run(script, args);
    }

    /** Runs {@code node script args...} in this installed project; its exit value and output. */
    public Result run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return run(command, installed());
    }

    /** Runs {@code npm run script} in this installed project, failing the test if it fails. */
    public void npmRun(String script) throws Exception {
        Result result = run(List.of("npm", "run", "--silent", script), installed());
        if (result.exitValue() != 0) {
            throw new AssertionError("npm run " + script + " failed:\n" + result.output());
        }
    }

    /** The installed project's directory. */
    public synchronized Path installed() throws Exception {
        Files.createDirectories(dir);
        Path lock = source.resolve("package-lock.json");
        boolean sameLock = Files.exists(dir.resolve("package-lock.json")) && Files.mismatch(lock, dir.resolve("package-lock.json")) == -1;
        try (var files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!sameLock || !Files.isDirectory(dir.resolve("node_modules"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir);
            if (install.exitValue() != 0) {
                throw new AssertionError("npm ci failed:\n" + install.output());
            }
        }
        return dir;
    }

    public record Result(int exitValue, String output) {
    }

    /**
     * Runs a command to its end (4 minutes at most), its output going to a file so that no pipe can fill and stall it;
     * a missing program is a failed result, not an exception.
     */
    private static Result run(List<String> command, Path dir) throws Exception {
        Path log = Files.createTempFile("node-clients", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                return new Result(-1, e.toString());
            }
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
