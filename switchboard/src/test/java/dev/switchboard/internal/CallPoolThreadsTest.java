package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.internal.container.ApplicationThreads;
import dev.switchboard.internal.container.CallPool;

/**
 * The pool that runs service code off the container's threads: its threads carry the application's class loader,
 * not that of whichever thread made the pool grow (on WildFly an XNIO I/O thread, where Bean Validation's
 * {@code Validation.buildDefaultValidatorFactory()} found no provider: ProductionFeaturesIT failed now and then).
 * The component context (JNDI) is checked on WildFly: ProductionFeaturesIT.serviceCodeOnThePoolSeesTheDeploymentsNamingContext.
 */
class CallPoolThreadsTest {

    @Test
    void threadsHaveTheApplicationsClassLoaderWhicheverThreadStartsThem() throws Exception {
        ClassLoader app = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ClassLoader foreign = new URLClassLoader(new URL[0], null);
        ApplicationThreads threads = ApplicationThreads.capture(app);
        assertThat(threads.inComponentContext()).as("no naming environment in a unit test").isFalse();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = new CallPool(threads.factory("test-call"), 2, timer);
        try {
            CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
            CompletableFuture<String> name = new CompletableFuture<>();
            Thread starter = new Thread(() -> pool.execute(() -> {
                name.complete(Thread.currentThread().getName());
                seen.complete(Thread.currentThread().getContextClassLoader());
            }));
            starter.setContextClassLoader(foreign);
            starter.start();
            starter.join(5_000);
            assertThat(seen.get(5, TimeUnit.SECONDS)).isSameAs(app);
            assertThat(name.get(5, TimeUnit.SECONDS)).isEqualTo("test-call-1");
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }
}
