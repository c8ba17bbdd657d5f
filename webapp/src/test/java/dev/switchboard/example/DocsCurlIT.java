package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The {@code curl} lines of the docs' HTTP rules page, run as a newcomer runs them against the example: every
 * {@code bash} block after the marker {@code <!-- run against the example: DocsCurlIT -->} in docs/http-rules.md is a
 * session of {@code curl} commands, each followed by {@code # } lines with what it prints. Each command runs with the
 * real {@code curl} (its {@code http://localhost:8080} replaced by the test server's address), in order, and must
 * print exactly those lines. Skipped, saying so, where curl is missing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocsCurlIT {

    private static final Path PAGE = Path.of("../docs/http-rules.md");
    private static final String MARKER = "<!-- run against the example: DocsCurlIT -->";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void everyCurlLineOfTheHttpRulesPagePrintsWhatThePageSays() throws Exception {
        assumeTrue(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
        List<Command> commands = commands(Files.readAllLines(PAGE, StandardCharsets.UTF_8));
        assertThat(commands).as("curl lines after " + MARKER + " in " + PAGE).hasSizeGreaterThan(5);
        String origin = "http://" + endpoints.host() + ":" + endpoints.httpPort();
        for (Command command : commands) {
            String line = command.line().replace("http://localhost:8080", origin);
            Process curl = new ProcessBuilder("bash", "-c", line + " -sS").redirectErrorStream(true).start();
            String printed = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).as(line).isTrue();
            assertThat(printed.strip().lines().map(String::strip).toList()).as(command.line()).isEqualTo(command.prints());
        }
    }

    private record Command(String line, List<String> prints) {
    }

    /** The commands of the marked blocks, a line ending in {@code \} joined with the next. */
    private static List<Command> commands(List<String> page) {
        List<Command> commands = new ArrayList<>();
        boolean marked = false;
        boolean inBlock = false;
        String pending = null;
        for (String line : page) {
            if (line.equals(MARKER)) {
                marked = true;
            } else if (marked && line.startsWith("```bash")) {
                inBlock = true;
            } else if (inBlock && line.startsWith("```")) {
                inBlock = false;
                marked = false;
            } else if (inBlock && pending != null) {
                pending = pending + " " + line.strip();
                if (!line.endsWith("\\")) {
                    commands.add(new Command(pending.replace("\\ ", ""), new ArrayList<>()));
                    pending = null;
                }
            } else if (inBlock && line.startsWith("curl ")) {
                if (line.endsWith("\\")) {
                    pending = line;
                } else {
                    commands.add(new Command(line, new ArrayList<>()));
                }
            } else if (inBlock && line.startsWith("# ") && !commands.isEmpty()) {
                commands.get(commands.size() - 1).prints().add(line.substring(2).strip());
            }
        }
        return commands;
    }
}
