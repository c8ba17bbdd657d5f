package dev.switchboard.testing.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jetty distribution running in its own JVM: {@code java [vm args] -jar $JETTY_HOME/start.jar jetty.base=...} with
 * both connectors on port 0. A separate process cannot hand back the ports it bound, and free ports picked here could
 * be taken before Jetty binds them; Jetty logs every connector it starts with its bound address, so the ports come
 * from there.
 */
final class JettyProcess {

    /** {@code Started oejs.ServerConnector@1b2c{SSL, (ssl, alpn, h2, http/1.1)}{127.0.0.1:39563}} */
    private static final Pattern CONNECTOR = Pattern.compile("Started \\S*(?:ServerConnector|BatchingConnector)@\\w+\\{([^}]*)\\}\\{.*:(\\d+)\\}");
    /** {@code Started oejs.Server@6085{STARTING}[12.1.12,sto=0] @717ms}: every connector and initial deployment done */
    private static final Pattern SERVER_STARTED = Pattern.compile("Started \\S*\\.Server@");

    private final Process process;
    private final ServerLog log;
    private final int httpPort;
    private final int httpsPort;

    private JettyProcess(Process process, ServerLog log, int httpPort, int httpsPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Starts Jetty and waits until it reports itself started; {@code properties} are start.jar's {@code name=value}. */
    static JettyProcess start(Path home, Path base, List<String> vmArguments, List<String> properties, Path logFile,
            Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(vmArguments);
        // start.jar runs Jetty in this same JVM (no --exec): the process we hold is the server
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.home=" + home, "jetty.base=" + base,
                "jetty.http.port=0", "jetty.ssl.port=0"));
        command.addAll(properties);
        Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true).start();
        ServerLog log = ServerLog.follow(process.getInputStream(), logFile);
        try {
            int started = log.await(0, line -> SERVER_STARTED.matcher(line).find(), timeout);
            if (started < 0) {
                throw new IOException("Jetty did not start within " + timeout + (process.isAlive() ? "" : " (it exited)")
                        + "; log " + logFile + ":\n" + log.tail(40));
            }
            int http = -1;
            int https = -1;
            for (String line : log.text(0, started).split("\n")) {
                Matcher connector = CONNECTOR.matcher(line);
                if (connector.find()) {
                    int port = Integer.parseInt(connector.group(2));
                    if (connector.group(1).startsWith("SSL")) {
                        https = port;
                    } else {
                        http = port;
                    }
                }
            }
            if (http < 0 || https < 0) {
                throw new IOException("Jetty started without an HTTP and a TLS connector (http " + http + ", https " + https
                        + "): does the jetty-base have the http and https modules? Log " + logFile);
            }
            return new JettyProcess(process, log, http, https);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    ServerLog log() {
        return log;
    }

    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (Jetty's shutdown hook stops the server gracefully), then kill what is left after {@code grace}. */
    boolean stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return false;
    }
}
