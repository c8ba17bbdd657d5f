package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The pool that runs service code off the container's threads: its threads carry the application's class loader,
 * not that of whichever thread made the pool grow (on WildFly an XNIO I/O thread, where Bean Validation's
 * {@code Validation.buildDefaultValidatorFactory()} found no provider: ProductionFeaturesIT failed now and then).
 */
class CallPoolTest {

    @Test
    void threadsHaveTheApplicationsClassLoaderWhicheverThreadStartsThem() throws Exception {
        ClassLoader app = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ClassLoader foreign = new URLClassLoader(new URL[0], null);
        ExecutorService pool = SwitchboardRuntime.boundedPool("test-call", 2, app);
        try {
            CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
            Thread starter = new Thread(() -> pool.execute(() -> seen.complete(Thread.currentThread().getContextClassLoader())));
            starter.setContextClassLoader(foreign);
            starter.start();
            starter.join(5_000);
            assertThat(seen.get(5, TimeUnit.SECONDS)).isSameAs(app);
        } finally {
            pool.shutdownNow();
        }
    }
}
