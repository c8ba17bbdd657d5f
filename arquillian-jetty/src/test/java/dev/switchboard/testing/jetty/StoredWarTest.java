package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredWarTest {

    @Test
    void writesStoredEntriesWithNestedArchivesExportedOnce(@TempDir Path dir) throws Exception {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "classes.jar").add(new StringAsset("hello"), "greeting.txt");
        WebArchive war = ShrinkWrap.create(WebArchive.class, "test.war").addAsLibrary(library)
                .add(new StringAsset("<web-app/>"), "WEB-INF/web.xml");
        File file = dir.resolve("test.war").toFile();

        StoredWar.export(war, file);

        try (ZipFile zip = new ZipFile(file)) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertThat(entries).extracting(ZipEntry::getName).contains("WEB-INF/web.xml", "WEB-INF/lib/classes.jar");
            assertThat(entries).allSatisfy(entry -> assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED));
            byte[] nested = zip.getInputStream(zip.getEntry("WEB-INF/lib/classes.jar")).readAllBytes();
            try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(nested))) {
                ZipEntry entry;
                boolean found = false;
                while ((entry = jar.getNextEntry()) != null) {
                    if (entry.getName().equals("greeting.txt")) {
                        found = new String(jar.readAllBytes()).equals("hello");
                    }
                }
                assertThat(found).as("the nested archive's entry").isTrue();
            }
        }
    }
}
