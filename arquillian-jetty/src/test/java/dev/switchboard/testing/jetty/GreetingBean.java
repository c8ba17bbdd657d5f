package dev.switchboard.testing.jetty;

import jakarta.enterprise.context.ApplicationScoped;

/** A CDI bean packaged into the test WARs; only Weld (from the server classpath) can have created it. */
@ApplicationScoped
public class GreetingBean {

    public String greeting() {
        return "greetings from CDI";
    }
}
