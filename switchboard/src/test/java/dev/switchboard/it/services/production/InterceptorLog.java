package dev.switchboard.it.services.production;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** An ordinary bean that interceptors @Inject: proves interceptors are CDI beans. */
@ApplicationScoped
public class InterceptorLog {

    private final AtomicInteger calls = new AtomicInteger();

    int record() {
        return calls.incrementAndGet();
    }
}
