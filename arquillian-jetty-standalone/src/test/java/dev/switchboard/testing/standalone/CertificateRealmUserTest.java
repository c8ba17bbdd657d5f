package dev.switchboard.testing.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** A subject as a realm user name survives java.util.Properties, which Jetty's PropertyUserStore reads it with. */
class CertificateRealmUserTest {

    @Test
    void aSubjectIsReadBackAsTheUserName() throws Exception {
        String subject = "O=Switchboard tests, CN=alice";
        Properties realm = new Properties();
        realm.load(new StringReader(CertificateRealmUser.escape(subject) + ": c2lnbmF0dXJl+/==,user,admin\n"));
        assertThat(realm.getProperty(subject)).isEqualTo("c2lnbmF0dXJl+/==,user,admin");
    }
}
