package dev.switchboard.internal.container;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Threads for Switchboard's own pools that run application code as the container's request threads do: with the web
 * application's class loader as context class loader and, where the container offers Jakarta Concurrency's {@code
 * java:comp/DefaultContextService} (WildFly, any full Jakarta EE server), inside the deployment's component context —
 * its naming environment ({@code java:comp}, {@code java:module}, {@code java:app}) above all.
 * <p>
 * A call is served on the container's thread when it can be and on Switchboard's pool when it cannot (a request body
 * that arrives after the dispatch, the dedicated gRPC port's calls, deadlines): service code must not see a different
 * environment depending on which it was — a JNDI lookup that works on one and fails on the other would fail now and
 * then, with timing. The context is captured once, by {@link #capture} on the thread that starts the deployment, and
 * each thread runs its whole life inside it ({@code ContextService.currentContextExecutor()}), so there is no cost per
 * task. What is not carried: each request's security identity in the container's sense (what an EJB called from
 * service code would see): where a call moves to the pool — a read callback on an I/O thread — no request's identity
 * is at hand. Switchboard's own caller in the gRPC {@code Context} is unaffected.
 * <p>
 * Jakarta Concurrency is reached by JNDI and one reflective call, so the WAR needs its API on no container: where
 * the lookup fails (Jetty has no such service), the threads have the class loader only.
 */
public final class ApplicationThreads {

    private static final Logger LOG = Logger.getLogger(ApplicationThreads.class.getName());
    static final String CONTEXT_SERVICE = "java:comp/DefaultContextService";

    private final ClassLoader appLoader;
    /** Runs a task inside the captured component context on the calling thread; null where there is none. */
    private final Executor componentContext;

    ApplicationThreads(ClassLoader appLoader, Executor componentContext) {
        this.appLoader = appLoader;
        this.componentContext = componentContext;
    }

    /**
     * Captures the component context of the calling thread, which must be one the container runs the deployment's
     * code on (a {@code ServletContextListener}'s).
     */
    public static ApplicationThreads capture(ClassLoader appLoader) {
        return new ApplicationThreads(appLoader, currentContextExecutor());
    }

    /** Whether the threads run inside the deployment's component context (else they have its class loader only). */
    public boolean inComponentContext() {
        return componentContext != null;
    }

    /**
     * Daemon threads named {@code name-1}, {@code name-2}, … — daemons, so that a pool left running never keeps a JVM
     * alive.
     */
    public ThreadFactory factory(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Runnable body = componentContext == null ? runnable : () -> componentContext.execute(runnable);
            Thread thread = new Thread(body, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(appLoader);
            return thread;
        };
    }

    private static Executor currentContextExecutor() {
        Object service;
        try {
            service = new InitialContext().lookup(CONTEXT_SERVICE);
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No " + CONTEXT_SERVICE + " here; Switchboard's threads get the application's class loader only", e);
            return null;
        }
        try {
            // By the interface's method: the implementation's class may not be accessible to the application.
            Class<?> type = Class.forName("jakarta.enterprise.concurrent.ContextService", false, service.getClass().getClassLoader());
            Method method = type.getMethod("currentContextExecutor");
            return (Executor) method.invoke(service);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Switchboard could not take the deployment's context from " + CONTEXT_SERVICE
                    + " (Jakarta Concurrency 3.0 or later is needed); code on Switchboard's threads will not see java:comp", e);
            return null;
        }
    }
}
