package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/** A server without CDI gets a deployment error that says what is missing, not a NoClassDefFoundError. */
class SwitchboardInitializerTest {

    @Test
    void withoutTheCdiApiTheDeploymentFailsSayingSo() throws Exception {
        URL classes = SwitchboardInitializer.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutCdi = new URLClassLoader(new URL[] {classes}, new HidingLoader(getClass().getClassLoader()))) {
            Class<?> initializer = Class.forName(SwitchboardInitializer.class.getName(), true, withoutCdi);
            assertThat(initializer.getClassLoader()).isSameAs(withoutCdi);
            Method onStartup = initializer.getMethod("onStartup", Set.class, ServletContext.class);
            Object instance = initializer.getConstructor().newInstance();

            assertThatThrownBy(() -> invoke(onStartup, instance, context("/shop")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Switchboard needs CDI")
                    .hasMessageContaining("/shop")
                    .hasMessageContaining(SwitchboardInitializer.CDI_API_CLASS)
                    .hasMessageContaining("ee10-cdi");
        }
    }

    @Test
    void withTheCdiApiTheCheckPasses() {
        // the same check on this class path, where the API is: it lets the initializer go on (to the context's calls)
        ServletContainerInitializer initializer = new SwitchboardInitializer();
        assertThatThrownBy(() -> initializer.onStartup(Set.of(), context("/shop")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("addListener");
    }

    private static void invoke(Method method, Object target, Object context) throws Throwable {
        try {
            method.invoke(target, Set.of(), context);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A ServletContext that knows its path and refuses everything else, naming the call. */
    private static ServletContext context(String path) {
        return (ServletContext) Proxy.newProxyInstance(SwitchboardInitializerTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getContextPath")) {
                        return path;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Hides CDI and Switchboard's own classes (loaded again by the child from target/classes). */
    private static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.enterprise.") || name.startsWith("dev.switchboard.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
