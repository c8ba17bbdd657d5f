package dev.switchboard.internal.undertow;

import jakarta.servlet.ServletContext;

import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.spec.ServletContextImpl;

/**
 * Puts a {@link NativeGrpcHandler} into the deployment's innermost handler chain — after the security handlers
 * (web.xml constraints, login), before the servlet — through the deployment's {@link DeploymentInfo}: Undertow builds
 * the chain from it after the initializers and {@code contextInitialized} listeners have run. Only called where
 * Undertow's classes are visible ({@link NativeTransportInitializer}); no Undertow type appears in its signature, so
 * this class is defined anywhere and links to Undertow only when called.
 */
final class UndertowInstaller {

    private UndertowInstaller() {
    }

    /** False, having done nothing, if {@code context} is not an Undertow deployment's. */
    static boolean install(ServletContext context) {
        if (!(context instanceof ServletContextImpl undertow)) {
            return false;
        }
        DeploymentInfo info = undertow.getDeployment().getDeploymentInfo();
        StreamResets resets = new StreamResets();
        info.addInnerHandlerChainWrapper(next -> new NativeGrpcHandler(next, context, resets));
        return true;
    }
}
