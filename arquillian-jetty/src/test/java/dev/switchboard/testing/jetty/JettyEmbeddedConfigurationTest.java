package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

class JettyEmbeddedConfigurationTest {

    @Test
    void usersAreNamePasswordRolesSeparatedByWhitespace() {
        JettyEmbeddedConfiguration configuration = new JettyEmbeddedConfiguration();
        configuration.setUsers("  alice:alice-pw:user,admin\n   bob:bob-pw:user ");
        configuration.validate();
        assertThat(configuration.users()).containsExactly("alice:alice-pw:user,admin", "bob:bob-pw:user");
        configuration.setUsers(null);
        assertThat(configuration.users()).isEmpty();
    }

    @Test
    void aUserWithoutRolesIsRefused() {
        JettyEmbeddedConfiguration configuration = new JettyEmbeddedConfiguration();
        configuration.setUsers("alice:alice-pw");
        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class).hasMessageContaining("alice:alice-pw");
    }

    @Test
    void certificateUsersAreNamesOfUsersAndNeedClientAuth() {
        JettyEmbeddedConfiguration configuration = new JettyEmbeddedConfiguration();
        configuration.setUsers("alice:alice-pw:user,admin bob:bob-pw:user");
        configuration.setCertificateUsers(" alice  bob ");
        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class).hasMessageContaining("clientAuth");
        configuration.setClientAuth(true);
        configuration.validate();
        assertThat(configuration.certificateUsers()).containsExactly("alice", "bob");
        configuration.setCertificateUsers("carol");
        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class).hasMessageContaining("carol");
    }
}
