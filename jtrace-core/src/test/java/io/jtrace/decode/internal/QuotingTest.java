package io.jtrace.decode.internal;

import io.jtrace.decode.internal.Quoting;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.decode.HexStyle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuotingTest {

    private static final Path STRACE = Path.of("/usr/bin/strace");
    private static final int DEFAULT_LIMIT = 32;

    /** The kinds of string the fixture passes, and the line strace prints for each. */
    private enum Kind {
        BUF("buf", "^write\\(-1, (.*), \\d+\\) += -1 EBADF \\(Bad file descriptor\\)$"),
        STR("str", "^execve\\(\"[^\"]*\", \\[(\".*)\\], NULL\\) += -1 ENOENT \\(No such file or directory\\)$"),
        PATH("path", "^execve\\((.*), \\[\\], NULL\\) += -1 \\w+ \\(.*\\)$"),
        FD_PATH("fdpath", "^write\\(200<([^>]*)>, .*, 1\\) += 1$");

        final String tag;
        final Pattern line;

        Kind(String tag, String line) {
            this.tag = tag;
            this.line = Pattern.compile(line);
        }
    }

    private record Case(Kind kind, byte[] bytes) {
    }

    /** strace options and what they mean for quoting. */
    private record Options(List<String> args, int limit, HexStyle hex) {
        @Override
        public String toString() {
            return args.isEmpty() ? "defaults" : String.join(" ", args);
        }
    }

    @TempDir
    static Path workDir;
    private static Path fixture;

    @BeforeAll
    static void compileFixture() throws Exception {
        Requirements.require(Files.isExecutable(STRACE), STRACE.toString());
        Requirements.ptrace();
        fixture = Fixtures.path("quoting");
    }

    static Stream<Options> straceOptions() {
        return Stream.of(
                new Options(List.of(), DEFAULT_LIMIT, HexStyle.NONE),
                new Options(List.of("-s", "0"), 0, HexStyle.NONE),
                new Options(List.of("-s", "1"), 1, HexStyle.NONE),
                new Options(List.of("-s", "5"), 5, HexStyle.NONE),
                new Options(List.of("-s", "64"), 64, HexStyle.NONE),
                new Options(List.of("-s", "300"), 300, HexStyle.NONE),
                new Options(List.of("--strings-in-hex=none"), DEFAULT_LIMIT, HexStyle.NONE),
                new Options(List.of("-x"), DEFAULT_LIMIT, HexStyle.NON_ASCII),
                new Options(List.of("-x", "-s", "5"), 5, HexStyle.NON_ASCII),
                new Options(List.of("-xx"), DEFAULT_LIMIT, HexStyle.ALL),
                new Options(List.of("-xx", "-s", "5"), 5, HexStyle.ALL),
                new Options(List.of("--strings-in-hex=non-ascii-chars"), DEFAULT_LIMIT, HexStyle.NON_ASCII_CHARS),
                new Options(List.of("--strings-in-hex=non-ascii-chars", "-s", "5"), 5, HexStyle.NON_ASCII_CHARS));
    }

    @ParameterizedTest(name = "strace {0}")
    @MethodSource("straceOptions")
    void quotesAsStraceDoes(Options options) throws Exception {
        Path log = workDir.resolve("strace.log");
        List<String> command = new ArrayList<>(List.of(STRACE.toString(), "-y", "-qq", "-o", log.toString(),
                "-e", "trace=write,execve"));
        command.addAll(options.args());
        command.add(fixture.toString());
        Process strace = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String described = new String(strace.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(strace.waitFor(60, TimeUnit.SECONDS), "strace timed out");
        assertEquals(0, strace.exitValue(), "strace exit status");

        Map<Kind, List<String>> printed = printedStrings(Files.readAllLines(log, StandardCharsets.ISO_8859_1));
        Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Case c : cases(described)) {
            if (c.kind() == Kind.STR && options.limit() == 0) {
                continue; // strace abbreviates the whole argv array to [...]
            }
            int index = seen.merge(c.kind(), 1, Integer::sum) - 1;
            List<String> lines = printed.get(c.kind());
            assertTrue(index < lines.size(), "strace printed only " + lines.size() + " " + c.kind() + " strings");
            String expected = quote(c, options);
            compared++;
            if (!expected.equals(lines.get(index))) {
                mismatches.add(c.kind() + " " + HexFormat.of().formatHex(c.bytes())
                        + "\n  strace: " + lines.get(index) + "\n  jtrace: " + expected);
            }
        }
        seen.forEach((kind, count) -> assertEquals(count, printed.get(kind).size(), "number of " + kind + " lines"));
        assertTrue(compared > 1500, "compared only " + compared + " strings");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " strings differ from strace's, first ones:\n"
                + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
    }

    private static String quote(Case c, Options options) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = c.bytes();
        byte[] withNul = Arrays.copyOf(bytes, bytes.length + 1);
        switch (c.kind()) {
            case BUF -> Quoting.quoteBuffer(out, bytes, 0, bytes.length, options.limit(), options.hex());
            case STR -> Quoting.quoteCString(out, withNul, 0, Math.min(withNul.length, options.limit() + 1),
                    options.limit(), options.hex());
            case PATH -> Quoting.quotePath(out, withNul, 0, Math.min(withNul.length, Quoting.PATH_MAX),
                    options.hex());
            case FD_PATH -> Quoting.quoteFdPath(out, bytes, 0, bytes.length, options.hex());
        }
        return out.toString();
    }

    private static List<Case> cases(String described) {
        List<Case> cases = new ArrayList<>();
        for (String line : described.split("\n")) {
            String[] parts = line.split(":", 2);
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.tag.equals(parts[0])).findFirst()
                    .orElseThrow(() -> new AssertionError("fixture printed " + line));
            cases.add(new Case(kind, HexFormat.of().parseHex(parts[1])));
        }
        return cases;
    }

    /** The quoted strings strace printed, by kind, in order; ISO-8859-1 keeps any byte as one char. */
    private static Map<Kind, List<String>> printedStrings(List<String> lines) {
        Map<Kind, List<String>> printed = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            printed.put(kind, new ArrayList<>());
        }
        for (String line : lines) {
            for (Kind kind : Kind.values()) {
                Matcher m = kind.line.matcher(line);
                if (m.matches()) {
                    printed.get(kind).add(m.group(1));
                    break;
                }
            }
        }
        return printed;
    }

    @Test
    void escapesAsInC() {
        assertEquals("\"a\\tb\\nc\\v\\f\\r\\\"\\\\\"", buffer("a\tb\nc\u000b\f\r\"\\", 32, HexStyle.NONE));
        assertEquals("\"\\0\\1\\37\\177\\377\"", buffer("\0\1\u001f\u007f\u00ff", 32, HexStyle.NONE));
    }

    @Test
    void octalEscapesGrowToThreeDigitsBeforeAnOctalDigit() {
        assertEquals("\"\\0017\\18\\0010\"", buffer("\u00017\u00018\u00010", 32, HexStyle.NONE));
        assertEquals("\"\\1\"...", buffer("\u00017", 1, HexStyle.NONE));
    }

    @Test
    void buffersLongerThanTheLimitGetAnEllipsis() {
        assertEquals("\"abc\"...", buffer("abcd", 3, HexStyle.NONE));
        assertEquals("\"abcd\"", buffer("abcd", 4, HexStyle.NONE));
        assertEquals("\"\"...", buffer("abcd", 0, HexStyle.NONE));
        assertEquals("\"\"", buffer("", 0, HexStyle.NONE));
        StringBuilder out = new StringBuilder();
        Quoting.quoteBuffer(out, new byte[] {'a'}, 0, -1L, 1, HexStyle.NONE);
        assertEquals("\"a\"...", out.toString());
    }

    @Test
    void hexStyles() {
        assertEquals("\"a\\t\"", buffer("a\t", 32, HexStyle.NON_ASCII));
        assertEquals("\"\\x61\\x01\"", buffer("a\1", 32, HexStyle.NON_ASCII));
        assertEquals("\"\\x61\\x09\"", buffer("a\t", 32, HexStyle.ALL));
        assertEquals("\"a\\x01\\t0\"", buffer("a\1\t0", 32, HexStyle.NON_ASCII_CHARS));
    }

    @Test
    void cStringsStopAtTheirNul() {
        byte[] mem = "abc\0def".getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        assertTrue(Quoting.quoteCString(out, mem, 0, 4, 32, HexStyle.NONE));
        assertEquals("\"abc\"", out.toString());

        out.setLength(0);
        assertTrue(Quoting.quoteCString(out, mem, 0, 4, 3, HexStyle.NONE), "NUL just past the limit");
        assertEquals("\"abc\"", out.toString());

        out.setLength(0);
        assertFalse(Quoting.quoteCString(out, mem, 0, 3, 2, HexStyle.NONE));
        assertEquals("\"ab\"...", out.toString());

        out.setLength(0);
        assertFalse(Quoting.quoteCString(out, mem, 0, 2, 32, HexStyle.NONE), "read ended before a NUL");
        assertEquals("\"ab\"...", out.toString());
    }

    @Test
    void fdPathsEscapeAngleBracketsAndHaveNoQuotes() {
        byte[] path = "/tmp/a<b>\"c\"".getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        Quoting.quoteFdPath(out, path, 0, path.length, HexStyle.NONE);
        assertEquals("/tmp/a\\74b\\76\\\"c\\\"", out.toString());
    }

    private static String buffer(String latin1, int limit, HexStyle hex) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        Quoting.quoteBuffer(out, bytes, 0, bytes.length, limit, hex);
        return out.toString();
    }
}
