package dev.switchboard.internal.cdi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import io.grpc.ServerServiceDefinition;

/**
 * Binds a service through its CDI client proxy. A generated {@code FooGrpc.FooImplBase.bindService()} is
 * {@code FooGrpc.bindService(this)}; calling it on a proxy of a request-scoped bean would run it on one contextual
 * instance. Calling the generated static {@code FooGrpc.bindService(AsyncService)} with the proxy itself instead makes
 * every call go through the proxy, to the instance of the call's own request context.
 */
final class GeneratedStubs {

    private GeneratedStubs() {
    }

    /** The definition with {@code proxy} as the implementation, or null when the class is no generated stub subclass. */
    static ServerServiceDefinition bindThroughProxy(Object proxy, Class<?> beanClass) {
        for (Class<?> type = beanClass; type != null; type = type.getSuperclass()) {
            Class<?> outer = type.getDeclaringClass();
            if (outer == null) {
                continue;
            }
            for (Method method : outer.getMethods()) {
                if (method.getName().equals("bindService") && Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == 1 && method.getParameterTypes()[0].isInstance(proxy)
                        && method.getReturnType() == ServerServiceDefinition.class) {
                    try {
                        return (ServerServiceDefinition) method.invoke(null, proxy);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException("could not bind " + beanClass.getName() + " through " + method, e);
                    }
                }
            }
        }
        return null;
    }
}
