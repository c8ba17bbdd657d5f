package dev.switchboard.internal;

import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/**
 * Registers Switchboard in every web application that has the library: its filter, first in the chain and
 * async-supported (grpc-servlet needs asynchronous requests), and the listener that starts and stops it.
 * Found by the container through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 */
public final class SwitchboardInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "switchboard";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        SwitchboardLifecycle lifecycle = new SwitchboardLifecycle();
        context.addListener(lifecycle);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new SwitchboardFilter(lifecycle));
        filter.setAsyncSupported(true);
        // isMatchAfter=false puts it before the filters web.xml declares.
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
