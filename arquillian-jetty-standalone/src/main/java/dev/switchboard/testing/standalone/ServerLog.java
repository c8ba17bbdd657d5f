package dev.switchboard.testing.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The output of the Jetty process, copied line by line to a file (kept for reading after the run) and kept in memory,
 * where the container waits for what Jetty reports: its connectors' bound ports, and each web application started,
 * failed or stopped. The server's log is the only place a separate Jetty says so without a management agent.
 */
final class ServerLog {

    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ServerLog(Path file) {
        this.file = file;
    }

    /** Copies {@code output} until it ends, on a daemon thread. */
    static ServerLog follow(InputStream output, Path file) throws IOException {
        ServerLog log = new ServerLog(file);
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        Thread pump = new Thread(() -> log.pump(output, writer), "jetty-standalone-log");
        pump.setDaemon(true);
        pump.start();
        return log;
    }

    private void pump(InputStream output, Writer writer) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)); writer) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.write('\n');
                writer.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; waiters see the end below
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    Path file() {
        return file;
    }

    /** Where the next line will be: pass it to {@link #await} to see only what comes after now. */
    synchronized int mark() {
        return lines.size();
    }

    /**
     * The index of the first line from {@code from} on that matches, waiting for it; -1 when the output ended or the
     * time is up first.
     */
    synchronized int await(int from, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        while (true) {
            for (; next < lines.size(); next++) {
                if (match.test(lines.get(next))) {
                    return next;
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive, clamped), joined; e.g. a failure and its stack trace. */
    synchronized String text(int from, int to) {
        return String.join("\n", lines.subList(Math.min(from, lines.size()), Math.min(to, lines.size())));
    }

    /** The last {@code count} lines, for error messages. */
    synchronized String tail(int count) {
        return text(Math.max(0, lines.size() - count), lines.size());
    }
}
