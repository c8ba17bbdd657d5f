package dev.switchboard.testing.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.logging.Logger;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;

/**
 * Deploys and undeploys WAR files through the webapps directory of a running Jetty, and waits for the outcome in its
 * log. Jetty 12.1's deployment scanner picks a file up once it is unchanged for a scan, starts a web application for
 * it and logs, ending the line with the file's URI:
 * <ul>
 * <li>{@code INFO :oeje10s.ServletContextHandler:Scanner-0-1: Started oeje10w.WebAppContext@34b6{...}{file:///.../ROOT.war}}
 * (after a first {@code oejsh.ContextHandler} "Started" line that comes before the listeners ran: not yet ready);</li>
 * <li>{@code WARN :oeje10w.WebAppContext:Scanner-0-1: Failed startup of context oeje10w.WebAppContext@6e06{...}{file:///.../ROOT.war}},
 * then the exception (the context stays, answering 503, until its file is removed);</li>
 * <li>{@code Stopped oeje10w.WebAppContext@...{file:///.../ROOT.war}} once the file is deleted.</li>
 * </ul>
 */
final class Deployments {

    private static final Logger LOG = Logger.getLogger(Deployments.class.getName());

    private final Path webapps;
    private final ServerLog log;
    private final Duration timeout;

    Deployments(Path webapps, ServerLog log, Duration timeout) {
        this.webapps = webapps;
        this.log = log;
        this.timeout = timeout;
    }

    interface Exporter {
        void exportTo(Path file) throws IOException;
    }

    /** Puts {@code name} into webapps/ and returns once it is started; a failed start is undeployed and thrown. */
    void deploy(String name, Exporter exporter) throws IOException, DeploymentException {
        Path war = webapps.resolve(name);
        if (Files.exists(war)) {
            throw new DeploymentException(name + " is deployed already");
        }
        // written beside webapps/ and moved in at once: the scanner must never see half a WAR
        Path staging = Files.createTempFile(webapps.getParent(), "staging-", ".war");
        try {
            long begin = System.nanoTime();
            exporter.exportTo(staging);
            long exported = System.nanoTime();
            int mark = log.mark();
            Files.move(staging, war, StandardCopyOption.ATOMIC_MOVE);
            String marker = marker(name);
            int outcome = await(mark, line -> line.endsWith(marker)
                    && (line.contains("Failed startup of context") || line.contains("ServletContextHandler:") && line.contains(" Started ")));
            if (outcome < 0) {
                Files.deleteIfExists(war);
                throw new DeploymentException(name + " was not started within " + timeout + "; log " + log.file() + ":\n" + log.tail(30));
            }
            if (log.text(outcome, outcome + 1).contains("Failed startup of context")) {
                Thread.sleep(500); // the stack trace follows the line
                String failure = log.text(outcome, outcome + 40);
                undeploy(name);
                throw new DeploymentException("Jetty could not start " + name + ":\n" + failure);
            }
            LOG.info(() -> String.format("%s deployed in %d ms (%d ms to write it, %d KB)", name, (System.nanoTime() - begin) / 1_000_000,
                    (exported - begin) / 1_000_000, size(war) / 1024));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("Interrupted while deploying " + name, e);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /** Removes {@code name} from webapps/ and returns once Jetty stopped its context; nothing when it is not there. */
    void undeploy(String name) throws IOException, DeploymentException {
        Path war = webapps.resolve(name);
        int mark = log.mark();
        if (!Files.deleteIfExists(war)) {
            return;
        }
        String marker = marker(name);
        try {
            if (await(mark, line -> line.endsWith(marker) && line.contains(" Stopped ")) < 0) {
                throw new DeploymentException(name + " was not stopped within " + timeout + "; log " + log.file());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("Interrupted while undeploying " + name, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** How a log line about this WAR ends: "{file:///.../webapps-dir/ROOT.war}" (the directory's name is unique). */
    private String marker(String name) {
        return "/" + webapps.getFileName() + "/" + name + "}";
    }

    private int await(int from, Predicate<String> match) throws InterruptedException {
        return log.await(from, match, timeout);
    }
}
