/**
 * h2c for a Jetty 12.1 server's class path: prior knowledge only, the HTTP/1.1 upgrade declined
 * ({@link dev.switchboard.jetty.h2c.PriorKnowledgeH2c}, and why).
 */
package dev.switchboard.jetty.h2c;
