package dev.switchboard.testing.standalone;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Properties of {@code <container qualifier="jetty-standalone">} in arquillian.xml. The jetty-base is used as it is
 * (its modules, start.d, key store); each run deploys into a webapps directory of its own, so the base is never
 * changed and may hold other applications' webapps/.
 */
public final class StandaloneJettyConfiguration implements ContainerConfiguration {

    private String jettyHome;
    private String jettyBase;
    /** The https connector's key store (clients trust its certificate), its password and the key's alias. */
    private String keyStore;
    private String keyStorePassword;
    private String keyStoreAlias = "server";
    /**
     * A client identity (key and certificate, the key store's password) that the https connector trusts, for
     * {@code JettyEndpoints.clientCertificate()}; unset or empty: the connector asks for no client certificate.
     */
    private String clientKeyStore = "";
    private String clientKeyStoreAlias = "client";
    /** Where clients connect: the jetty-base's jetty.http.host / jetty.ssl.host. */
    private String host = "127.0.0.1";
    /** Options for the server's JVM, space-separated. */
    private String javaVmArguments = "-Xmx768m";
    /** The server's output, kept after the run; empty: a temporary file. */
    private String logFile = "";
    private int startupTimeoutInSeconds = 60;
    private int deploymentTimeoutInSeconds = 60;

    @Override
    public void validate() throws ConfigurationException {
        directory("jettyHome", jettyHome);
        directory("jettyBase", jettyBase);
        if (!Files.isRegularFile(Path.of(jettyHome, "start.jar"))) {
            throw new ConfigurationException("jettyHome " + jettyHome + " has no start.jar: is it a jetty-home distribution?");
        }
        if (keyStore == null || !Files.isRegularFile(Path.of(keyStore))) {
            throw new ConfigurationException("keyStore " + keyStore + " is not a file (the https connector's key store)");
        }
        if (keyStorePassword == null) {
            throw new ConfigurationException("keyStorePassword must be set");
        }
        if (hasClientKeyStore() && !Files.isRegularFile(Path.of(clientKeyStore))) {
            throw new ConfigurationException("clientKeyStore " + clientKeyStore + " is not a file (a client identity the https connector trusts)");
        }
        if (startupTimeoutInSeconds <= 0 || deploymentTimeoutInSeconds <= 0) {
            throw new ConfigurationException("timeouts must be positive");
        }
    }

    private static void directory(String name, String value) throws ConfigurationException {
        if (value == null || value.isBlank() || value.startsWith("${") || !Files.isDirectory(Path.of(value))) {
            throw new ConfigurationException(name + " " + value + " is not a directory (build with -Pjetty-standalone)");
        }
    }

    public String getJettyHome() {
        return jettyHome;
    }

    public void setJettyHome(String jettyHome) {
        this.jettyHome = jettyHome;
    }

    public String getJettyBase() {
        return jettyBase;
    }

    public void setJettyBase(String jettyBase) {
        this.jettyBase = jettyBase;
    }

    public String getKeyStore() {
        return keyStore;
    }

    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getKeyStoreAlias() {
        return keyStoreAlias;
    }

    public void setKeyStoreAlias(String keyStoreAlias) {
        this.keyStoreAlias = keyStoreAlias;
    }

    /** Whether a client key store is configured (an unresolved {@code ${...}} in arquillian.xml counts as none). */
    boolean hasClientKeyStore() {
        return clientKeyStore != null && !clientKeyStore.isBlank() && !clientKeyStore.startsWith("${");
    }

    public String getClientKeyStore() {
        return clientKeyStore;
    }

    public void setClientKeyStore(String clientKeyStore) {
        this.clientKeyStore = clientKeyStore;
    }

    public String getClientKeyStoreAlias() {
        return clientKeyStoreAlias;
    }

    public void setClientKeyStoreAlias(String clientKeyStoreAlias) {
        this.clientKeyStoreAlias = clientKeyStoreAlias;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getJavaVmArguments() {
        return javaVmArguments;
    }

    public void setJavaVmArguments(String javaVmArguments) {
        this.javaVmArguments = javaVmArguments;
    }

    public String getLogFile() {
        return logFile;
    }

    public void setLogFile(String logFile) {
        this.logFile = logFile;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    public int getDeploymentTimeoutInSeconds() {
        return deploymentTimeoutInSeconds;
    }

    public void setDeploymentTimeoutInSeconds(int deploymentTimeoutInSeconds) {
        this.deploymentTimeoutInSeconds = deploymentTimeoutInSeconds;
    }
}
