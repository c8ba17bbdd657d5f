package dev.switchboard.bench.jetty;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.switchboard.testing.jetty.EmbeddedJetty;

/**
 * B for the startup measurement: what {@code JettyLauncher} does (EmbeddedJetty, one WAR at "/"), with the phases
 * timed. Prints one line {@code startup: jvm-to-main=… jetty-start=… deploy=… ms} and then {@code listening on …}.
 *
 * <pre>java … TimedLauncher WAR HOST PORT</pre>
 */
public final class TimedLauncher {

    private TimedLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long jvmToMain = ManagementFactory.getRuntimeMXBean().getUptime();
        Path war = Path.of(args[0]);
        String host = args[1];
        int port = Integer.parseInt(args[2]);

        long t0 = System.nanoTime();
        EmbeddedJetty jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults()
                .withHost(host).withHttpPort(port).withStopTimeout(Duration.ofSeconds(5)));
        long t1 = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "jetty-shutdown"));
        try {
            jetty.deploy(war, "/");
        } catch (Exception e) {
            System.err.println("Could not deploy " + war + ": " + e);
            System.exit(1);
        }
        long t2 = System.nanoTime();
        System.out.printf("startup: jvm-to-main=%d jetty-start=%d deploy=%d ms%n",
                jvmToMain, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        System.out.println("TimedLauncher listening on http://" + host + ":" + jetty.httpPort());
        System.out.flush();
        stopped.await();
    }
}
