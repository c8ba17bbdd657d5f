package dev.switchboard.internal.undertow;

import jakarta.servlet.ServletContext;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;

/**
 * Installs the native transport into the WAR's Undertow deployment: Undertow finds this class through
 * META-INF/services/io.undertow.servlet.ServletExtension in the library's jar (its documented hook, looked up with the
 * WAR's class loader; WildFly links the modules {@code io.undertow.core} and {@code io.undertow.servlet} to every WAR),
 * and it wraps the deployment's innermost handler chain — after the security handlers (web.xml constraints, login),
 * before the servlet — with a {@link NativeGrpcHandler}. Other containers never look at the service file.
 *
 * <p>Set the system property {@value #SWITCH_PROPERTY} to {@code false} to leave it out (every call then goes through the
 * servlet transports); Switchboard's own switch turns native transports off per application.
 */
public final class NativeGrpcExtension implements ServletExtension {

    /** System property: {@code false} installs nothing. */
    public static final String SWITCH_PROPERTY = "switchboard.undertow.native";

    @Override
    public void handleDeployment(DeploymentInfo info, ServletContext context) {
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY))) {
            return;
        }
        StreamResets resets = new StreamResets();
        info.addInnerHandlerChainWrapper(next -> new NativeGrpcHandler(next, context, resets));
    }
}
