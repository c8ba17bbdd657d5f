package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Code in the docs is code that compiles and runs: every {@code java} and {@code proto} block in {@code docs/*.md}
 * and {@code README.md} follows a marker {@code <!-- code: FileName.java -->} naming a file of this repository (found by name, wherever
 * it lives, so that moving a class does not break the docs), and its lines appear in that file in the same order
 * (whitespace aside; lines between them may be left out, and a line {@code // ...} or {@code ...} marks such a
 * gap). Blocks of other languages are checked the same way when they carry a marker.
 */
class DocsCodeTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DOCS = ROOT.resolve("docs");
    private static final Set<String> MUST_BE_CHECKED = Set.of("java", "proto");
    private static final Pattern MARKER = Pattern.compile("^<!-- code: (\\S+) -->$");
    private static final Pattern FENCE = Pattern.compile("^(```+)\\s*([\\w+-]*).*$");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", ".git");

    record Block(Path page, int line, String language, String source, List<String> lines) {
    }

    @Test
    void everyCodeBlockComesFromTheSources() throws IOException {
        List<Block> blocks = blocks();
        assertThat(blocks).as("code blocks in docs/").isNotEmpty();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Block block : blocks) {
            String where = ROOT.relativize(block.page()) + ":" + block.line() + " (" + block.language() + ")";
            if (block.source() == null) {
                if (MUST_BE_CHECKED.contains(block.language())) {
                    problems.add(where + ": no <!-- code: FileName --> marker before the block");
                }
                continue;
            }
            List<Path> candidates = filesNamed(block.source());
            if (candidates.isEmpty()) {
                problems.add(where + ": no file named " + block.source() + " in the repository");
                continue;
            }
            String mismatch = null;
            for (Path candidate : candidates) {
                mismatch = firstLineNotFound(block.lines(), normalized(Files.readAllLines(candidate)));
                if (mismatch == null) {
                    break;
                }
            }
            if (mismatch != null) {
                problems.add(where + ": not found, in this order, in " + candidates + ": " + mismatch);
            }
            checked++;
        }
        assertThat(problems).as("code blocks of docs/ and README.md that do not match the sources they name").isEmpty();
        assertThat(checked).as("code blocks checked against sources").isGreaterThan(0);
    }

    @Test
    void aBlockThatDiffersFromItsSourceIsFound() {
        List<String> source = normalized(List.of("class A {", "  int x = 1;", "  int y = 2;", "}"));
        assertThat(firstLineNotFound(List.of("class A {", "// ...", "int y = 2;"), source)).isNull();
        assertThat(firstLineNotFound(List.of("int y = 2;", "int x = 1;"), source)).isEqualTo("int x = 1;");
        assertThat(firstLineNotFound(List.of("int x = 3;"), source)).isEqualTo("int x = 3;");
    }

    /** The first line of the block (in order) that the source does not have after the previous one; null if none. */
    private static String firstLineNotFound(List<String> blockLines, List<String> source) {
        int at = 0;
        for (String line : normalized(blockLines)) {
            if (line.equals("...") || line.equals("// ...")) {
                continue;
            }
            int found = source.subList(at, source.size()).indexOf(line);
            if (found < 0) {
                return line;
            }
            at += found + 1;
        }
        return null;
    }

    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    private static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> docs = Files.list(DOCS)) {
            pages = new ArrayList<>(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        pages.add(ROOT.resolve("README.md"));
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            String marker = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                Matcher fence = FENCE.matcher(line);
                if (fence.matches()) {
                    int start = i;
                    List<String> body = new ArrayList<>();
                    while (++i < lines.size() && !lines.get(i).strip().equals(fence.group(1))) {
                        body.add(lines.get(i));
                    }
                    blocks.add(new Block(page, start + 1, fence.group(2), marker, body));
                    marker = null;
                } else if (!line.isEmpty()) {
                    Matcher m = MARKER.matcher(line);
                    marker = m.matches() ? m.group(1) : null;
                }
            }
        }
        return blocks;
    }

    private static List<Path> filesNamed(String name) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path fileName = dir.getFileName();
                boolean skip = !dir.equals(ROOT) && fileName != null
                        && (SKIPPED_DIRS.contains(fileName.toString()) || fileName.toString().startsWith("."));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().equals(name)) {
                    found.add(file.normalize());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
