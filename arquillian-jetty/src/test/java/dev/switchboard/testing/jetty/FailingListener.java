package dev.switchboard.testing.jetty;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Makes the WAR it is packaged in fail to start. */
@WebListener
public class FailingListener implements ServletContextListener {

    static final String MESSAGE = "FailingListener refuses to start";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        throw new IllegalStateException(MESSAGE);
    }
}
