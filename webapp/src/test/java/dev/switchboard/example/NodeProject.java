package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tests' client programs (Python, Node), and installs the npm packages they use (src/test/node, versions
 * pinned by its package-lock.json) once per build with {@code npm ci} into target/node-clients, with the library's
 * try_it_page.mjs.
 */
final class NodeProject {
    static final Path DIR = Path.of("target/node-clients");

    private NodeProject() {
    }

    static boolean nodeAvailable() throws Exception {
        return run(List.of("node", "--version"), Path.of(".")).exitValue() == 0
                && run(List.of("npm", "--version"), Path.of(".")).exitValue() == 0;
    }

    /** Copies the project and installs its packages, unless a previous test installed the same package-lock.json. */
    static synchronized Path installed() throws Exception {
        Files.createDirectories(DIR);
        Path lock = Path.of("src/test/node", "package-lock.json");
        boolean sameLock = Files.exists(DIR.resolve("package-lock.json")) && Files.mismatch(lock, DIR.resolve("package-lock.json")) == -1;
        for (String file : List.of("package.json", "package-lock.json", "connect_client.mjs", "grpc_js_client.mjs", "browser_demo.mjs")) {
            Files.copy(Path.of("src/test/node", file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // The library's script for its own try-it page test, run here on the example (TryItPageIT): both projects pin
        // the same puppeteer-core.
        Files.copy(Path.of("../switchboard/src/test/node/try_it_page.mjs"), DIR.resolve("try_it_page.mjs"),
                StandardCopyOption.REPLACE_EXISTING);
        if (!sameLock || !Files.isDirectory(DIR.resolve("node_modules"))) {
            Process install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), DIR);
            if (install.exitValue() != 0) {
                throw new AssertionError("npm ci failed:\n" + output(install));
            }
        }
        return DIR;
    }

    /** Runs a program of the installed project (node, or one of its bins) to its end; its output, once it exited 0. */
    static String runInstalled(String... command) throws Exception {
        Process process = run(List.of(command), installed());
        String output = output(process);
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Runs a command to its end (3 minutes at most); a missing program is a failed process, not an exception. */
    static Process run(List<String> command, Path dir) throws Exception {
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
