package dev.switchboard.jetty.front;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.eclipse.jetty.deploy.Deployer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ExceptionUtil;
import org.eclipse.jetty.util.annotation.Name;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * A Jetty distribution's deployer (module {@code switchboard-front}, in place of {@code deployer-standard}) that adds
 * each web application's context to the server's {@code Contexts} inside {@link InlineGrpcFront#declared}'s wrapper,
 * as the embedded Jetty adds its contexts. Behind the front the server is non-blocking, and Jetty refuses to add a
 * blocking handler — every servlet context is one — to the context collection of a started non-blocking server
 * ("Cannot change invocation type of started server"), which is what a hot deploy does; the wrapper declares the
 * context non-blocking and keeps that true (it hands every request it cannot take inline to the pool).
 * <p>
 * The wrapper has to be the deployer's own business: Jetty's {@code StandardDeployer} looks the context itself up
 * among the collection's children to undeploy it, and manages it as the collection's bean, so a collection that
 * wrapped behind its back left WARs deployed after their undeploy (bench/NOTES.md). Otherwise these are
 * {@code StandardDeployer}'s steps: add, start, manage; stop, remove. Not supported: its atomic redeploy (a redeploy is
 * an undeploy, then a deploy) and its {@code Deployer.Listener} events.
 */
public final class DeclaringDeployer extends ContainerLifeCycle implements Deployer {

    private final ContextHandlerCollection contexts;
    private final Executor pool;
    /** Each deployed context's wrapper, by context. */
    private final Map<ContextHandler, Handler> wrappers = new ConcurrentHashMap<>();

    public DeclaringDeployer(@Name("server") Server server, @Name("contexts") ContextHandlerCollection contexts) {
        this.contexts = requireNonNull(contexts);
        this.pool = server.getThreadPool();
        installBean(contexts, false);
    }

    @Override
    public void deploy(ContextHandler context) {
        Handler wrapper = wrappers.computeIfAbsent(requireNonNull(context), c -> InlineGrpcFront.declared(c, pool));
        try {
            Callback.Completable added = new Callback.Completable();
            contexts.deployHandler(wrapper, added);
            added.get();
            if (contexts.isRunning()) {
                // starts the context, its managed child
                wrapper.start();
            }
            contexts.manage(wrapper);
        } catch (Throwable e) {
            // as StandardDeployer: a context that failed to start stays in, for the scanner's undeploy to remove
            ExceptionUtil.ifExceptionThrowUnchecked(e);
        }
    }

    @Override
    public void undeploy(ContextHandler context) {
        Handler wrapper = wrappers.remove(context);
        if (wrapper != null && contexts.getHandlers().contains(wrapper)) {
            try {
                wrapper.stop();
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                // removed even when the application's shutdown failed (StandardDeployer leaves such a context in;
                // e.g. Weld on the server throws for the second of two WARs): an undeployed WAR takes no requests
                contexts.removeHandler(wrapper);
            }
        }
    }

    /** Contexts deployed and not undeployed. For tests. */
    int deployed() {
        return wrappers.size();
    }

    @Override
    public String toString() {
        return "%s@%x{contexts=%s}".formatted(getClass().getSimpleName(), hashCode(), contexts);
    }
}
