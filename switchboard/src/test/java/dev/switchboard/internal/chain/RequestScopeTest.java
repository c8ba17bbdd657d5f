package dev.switchboard.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

class RequestScopeTest {

    /** Defines one class of the test's own, by name, so that a loader of our choosing is its defining loader. */
    static final class OneClassLoader extends ClassLoader {
        OneClassLoader(String name) {
            super(name, RequestScopeTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(Bean.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = RequestScopeTest.class.getResourceAsStream("RequestScopeTest$Bean.class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    public static final class Bean {
    }

    @Test
    void countsClassesOfTheApplicationsLoaderAndOfWildFlyDeploymentModules() throws Exception {
        ClassLoader app = new OneClassLoader("app");
        assertThat(RequestScope.isApplicationClass(app.loadClass(Bean.class.getName()), app)).isTrue();

        // WildFly: an EAR's lib/ or another module of the same deployment
        ClassLoader deployment = new OneClassLoader("deployment.shop.ear.lib");
        assertThat(RequestScope.isApplicationClass(deployment.loadClass(Bean.class.getName()), app)).isTrue();
    }

    @Test
    void ignoresTheContainersClassesAndCdisOwn() throws Exception {
        ClassLoader app = new OneClassLoader("app");
        // WildFly's RESTEasy producers: a module of the server's, not the deployment's
        ClassLoader resteasy = new OneClassLoader("org.jboss.resteasy.resteasy-cdi");
        assertThat(RequestScope.isApplicationClass(resteasy.loadClass(Bean.class.getName()), app)).isFalse();
        // the bootstrap loader's, and a parent's
        assertThat(RequestScope.isApplicationClass(String.class, app)).isFalse();
        assertThat(RequestScope.isApplicationClass(Bean.class, app)).isFalse();
        // Weld's own beans, even when the WAR bundles Weld (Jetty)
        assertThat(RequestScope.isApplicationClass(org.jboss.weld.context.bound.BoundRequestContext.class,
                org.jboss.weld.context.bound.BoundRequestContext.class.getClassLoader())).isFalse();
    }
}
