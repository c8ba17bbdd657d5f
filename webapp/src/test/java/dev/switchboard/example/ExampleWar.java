package dev.switchboard.example;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The example WAR exactly as the build packaged it, deployed as ROOT.war (gRPC needs the root context). */
final class ExampleWar {

    private ExampleWar() {
    }

    static WebArchive asRoot() {
        WebArchive built = ShrinkWrap.create(ZipImporter.class, "switchboard-example.war")
                .importFrom(new File("target/switchboard-example.war")).as(WebArchive.class);
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(built);
    }
}
