package dev.switchboard.testing.jetty;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.Map;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.exporter.ZipStoredExporter;

/**
 * Writes a deployment as a ZIP file whose entries are stored, not deflated: a test WAR is mostly jars, compressed
 * already, and deflating them again cost about a second per deployment (≈ 30 MB) and saved nothing.
 *
 * <p>A stored entry's CRC is computed from a first read of the asset and checked against the second that writes it;
 * a nested archive ({@link ArchiveAsset}, e.g. {@code addAsLibrary(JavaArchive)}) is exported anew on each read, with
 * the time of that export in its entries, so the two reads differ when a second ticks in between ("invalid entry
 * crc-32"). Nested archives are exported once, first, and added back as bytes.
 */
public final class StoredWar {

    private StoredWar() {
    }

    public static void export(Archive<?> archive, File file) {
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            if (entry.getValue().getAsset() instanceof ArchiveAsset nested) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                nested.getArchive().as(ZipExporter.class).exportTo(bytes);
                archive.add(new ByteArrayAsset(bytes.toByteArray()), entry.getKey());
            }
        }
        archive.as(ZipStoredExporter.class).exportTo(file, true);
    }
}
