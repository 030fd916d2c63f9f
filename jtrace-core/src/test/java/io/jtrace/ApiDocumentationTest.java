package io.jtrace;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The exported API (module io.jtrace) is documented: javadoc with every doclint check, run on the
 * module's sources, reports nothing but missing {@code @param}, {@code @return} and {@code @throws}
 * tags, which are not required. Any other warning (a public type or member without a comment, a
 * default constructor, a comment with only tags) or error (bad HTML, a broken reference) fails.
 * Paths are relative to the module directory, where Maven runs the tests.
 */
class ApiDocumentationTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path OUTPUT = Path.of("target/apidocs-check");

    /** A diagnostic line: {@code File.java:12: warning: no comment}, or one without a position. */
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?:^|: )(warning|error): (.*)$");

    /** The tags the API need not have; their absence is all javadoc may report. */
    private static final List<String> TOLERATED = List.of("no @param", "no @return", "no @throws");

    @Test
    void javadocReportsNothingButOptionalTags() throws Exception {
        assertTrue(Files.isRegularFile(SOURCES.resolve("module-info.java")),
                "no " + SOURCES.resolve("module-info.java").toAbsolutePath()
                        + " (run the tests from the module directory)");
        ToolProvider javadoc = ToolProvider.findFirst("javadoc")
                .orElseThrow(() -> new AssertionError("no javadoc tool in " + System.getProperty("java.home")
                        + ": the tests need a full JDK (module jdk.javadoc)"));

        StringWriter output = new StringWriter();
        int status;
        try (PrintWriter out = new PrintWriter(output, true)) {
            status = javadoc.run(out, out, "-quiet", "-Xdoclint:all", "-Xmaxwarns", "1000",
                    "-d", OUTPUT.toString(), "--module-source-path", "io.jtrace=" + SOURCES,
                    "--module", "io.jtrace");
        }

        String[] lines = output.toString().split("\\R");
        StringBuilder reported = new StringBuilder();
        int count = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DIAGNOSTIC.matcher(lines[i]);
            if (!m.find() || TOLERATED.stream().anyMatch(m.group(2)::startsWith)) {
                continue;
            }
            count++;
            reported.append(lines[i]).append('\n');
            // The source line javadoc quotes after the diagnostic says which declaration it is.
            if (i + 1 < lines.length && !DIAGNOSTIC.matcher(lines[i + 1]).find()) {
                reported.append(lines[i + 1]).append('\n');
            }
        }
        if (count > 0) {
            fail("javadoc reported " + count + " problem(s) in the API documentation:\n" + reported);
        }
        if (status != 0) {
            fail("javadoc failed with status " + status + ":\n" + output);
        }
        // The run documented the module, rather than finding nothing to document.
        assertTrue(Files.isRegularFile(OUTPUT.resolve("io.jtrace/io/jtrace/engine/Tracer.html")),
                "javadoc wrote no page for io.jtrace.engine.Tracer under " + OUTPUT.toAbsolutePath()
                        + ":\n" + output);
    }
}
