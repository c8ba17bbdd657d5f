/**
 * Boot: how Switchboard starts in a web application, decides whose each request is, and stops. Not API.
 *
 * <p>{@code SwitchboardInitializer} (the {@code ServletContainerInitializer}) and {@code SwitchboardLifecycle} start
 * and stop it with the application; {@code SwitchboardFilter} hands each request to {@code RequestRouter}, which alone
 * decides whether it is a gRPC call, a gateway call, a health or metrics request, or the application's own;
 * {@code Settings} reads the context-params; {@code SwitchboardRuntime} only assembles the parts from the
 * sub-packages and stops them; {@code ContainerErrorFilter}/{@code -Servlet} answer the container's own 401 and 403
 * in the request's protocol.
 *
 * <p>This package sits on top: it may import every sub-package, and no sub-package imports it (LayoutRulesTest).
 */
package dev.switchboard.internal;
