package dev.switchboard.testing.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client key store is optional: arquillian.xml names it through a system property that only the jetty-standalone
 * execution sets, so an unresolved {@code ${...}} must mean "none", while a named file that is missing is an error.
 */
class StandaloneJettyConfigurationTest {

    @TempDir
    Path dir;

    private StandaloneJettyConfiguration valid() throws IOException {
        Files.createFile(dir.resolve("start.jar"));
        StandaloneJettyConfiguration configuration = new StandaloneJettyConfiguration();
        configuration.setJettyHome(dir.toString());
        configuration.setJettyBase(dir.toString());
        configuration.setKeyStore(Files.createFile(dir.resolve("keystore.p12")).toString());
        configuration.setKeyStorePassword("secret");
        return configuration;
    }

    @Test
    void noClientKeyStoreByDefaultOrWhenItsPropertyIsUnset() throws Exception {
        StandaloneJettyConfiguration configuration = valid();
        configuration.validate();
        assertThat(configuration.hasClientKeyStore()).isFalse();
        configuration.setClientKeyStore("${switchboard.jetty.client-keystore}");
        configuration.validate();
        assertThat(configuration.hasClientKeyStore()).isFalse();
    }

    @Test
    void aNamedClientKeyStoreMustExist() throws Exception {
        StandaloneJettyConfiguration configuration = valid();
        configuration.setClientKeyStore(dir.resolve("missing.p12").toString());
        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class).hasMessageContaining("missing.p12");
        configuration.setClientKeyStore(Files.createFile(dir.resolve("client.p12")).toString());
        configuration.validate();
        assertThat(configuration.hasClientKeyStore()).isTrue();
    }
}
