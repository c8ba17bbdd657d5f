/**
 * The servlet container seam: {@link dev.switchboard.internal.container.ServletContainer}, detected once at startup
 * from the server info (Jetty, Undertow/WildFly, or generic), is the one place that knows container classes: how a
 * client's reset is heard ({@code JettyResetWatch}, {@code UndertowResetWatch}), which threads are I/O threads and
 * where service code runs ({@code InlineFirstExecutor}; Switchboard's own {@code CallPool}, whose threads
 * {@code ApplicationThreads} makes), whether to serve in a blocking dispatch, what the container cannot parse
 * ({@code ContainerParsing}), and the adaptations grpc-servlet needs ({@code WriteReadinessGuard},
 * {@code DeferredFlushResponse}, {@code FailedStreamCompletion}).
 *
 * <p>Not API. A new container quirk goes here, behind {@code ServletContainer}, with a comment naming the container
 * version and the upstream issue. Imports nothing of Switchboard, not even the public API (LayoutRulesTest), so a
 * quirk is fixed once for every protocol.
 */
package dev.switchboard.internal.container;
