package io.jtrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PosixRegexTest {
    private static final Path GREP = Path.of("/usr/bin/grep");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '\t', quoteCharacter = '\u0000', textBlock = """
            ^open	\\Aopen
            close$	close\\z
            a.b	a[^\\x{0}]b
            [[:digit:]_]	[0-9_]
            [[:alpha:]]	[A-Za-z]
            []a]	[\\]a]
            [^]a]	[^\\]a]
            [a-]	[a\\-]
            [--z]	[\\--z]
            [\\]	[\\\\]
            [.[]	[\\.\\[]
            [[.-.]a]	[\\-a]
            [[=e=]]	[e]
            a+?	(?:a+)?
            a**	(?:a*)*
            a{2}	a{2}
            a{2,}	a{2,}
            a{,3}	a{0,3}
            a{1,3}	a{1,3}
            a{0,1}	a?
            (ab)\\1x	(ab)(?:\\1)x
            \\(	\\(
            a\\|b	a\\|b
            \\é	\\x{e9}
            a)	a\\)
            }	\\}
            a|	a|
            (|a)	(|a)
            \\w\\S	[0-9A-Za-z_][^\\x{9}-\\x{D}\\x{20}]
            \\`x\\'	\\Ax\\z
            \\<x	(?<![0-9A-Za-z_])(?=[0-9A-Za-z_])x
            """)
    void translatesToJava(String ere, String java) {
        assertEquals(java, PosixRegex.translate(ere));
    }

    @Test
    void emptyExpressionMatchesEverything() {
        assertEquals("", PosixRegex.translate(""));
        assertEquals(true, PosixRegex.compile("").matcher("read").find());
    }

    /** regcomp's verdicts, as /usr/bin/strace reports them for -e trace=/ERE (see OptionParserTest). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '\t', quoteCharacter = '\u0000', textBlock = """
            [	BADPAT
            [^	BADPAT
            []	EBRACK
            [^]	EBRACK
            [a	EBRACK
            [[:alpha:	EBRACK
            [[:]	EBRACK
            [[.a.]	EBRACK
            [[:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:]]	EBRACK
            [[:foo:]]	ECTYPE
            [[:ALPHA:]]	ECTYPE
            [[::]]	ECTYPE
            [[.hyphen.]]	ECOLLATE
            [[..]]	ECOLLATE
            [[=ab=]]	ECOLLATE
            [[.é.]]	ECOLLATE
            [é-z]	ECOLLATE
            [a-[.é.]]	ECOLLATE
            [b-a]	ERANGE
            [z--]	ERANGE
            [a-b-c]	ERANGE
            [[:alpha:]-z]	ERANGE
            [a-[:alpha:]]	ERANGE
            [[=a=]-z]	ERANGE
            (	EPAREN
            (a	EPAREN
            ((a)	EPAREN
            a{	EBRACE
            a{1	EBRACE
            a{1,	EBRACE
            a{,	EBRACE
            a{}	BADBR
            a{x}	BADBR
            a{1a}	BADBR
            a{2,1}	BADBR
            a{1,2,3}	BADBR
            a{99999}	ESIZE
            a{32768}	ESIZE
            a{1,32768}	ESIZE
            *	BADRPT
            +x	BADRPT
            {1}	BADRPT
            a|*	BADRPT
            (*)	BADRPT
            ^*	BADRPT
            x\\<*	BADRPT
            \\	EESCAPE
            a\\	EESCAPE
            \\1	ESUBREG
            (a)\\2	ESUBREG
            (a\\1)	ESUBREG
            (a)|\\1	ESUBREG
            """)
    void refusesAsRegcompDoes(String ere, PosixRegex.Error error) {
        PosixRegex.SyntaxException e = assertThrows(PosixRegex.SyntaxException.class, () -> PosixRegex.translate(ere));
        assertEquals(error, e.error());
        assertEquals(error.text, e.getMessage());
    }

    @Test
    void regerrorTexts() {
        assertEquals("Unmatched [, [^, [:, [., or [=", PosixRegex.Error.EBRACK.text);
        assertEquals("Unmatched ( or \\(", PosixRegex.Error.EPAREN.text);
        assertEquals("Unmatched \\{", PosixRegex.Error.EBRACE.text);
        assertEquals("Invalid content of \\{\\}", PosixRegex.Error.BADBR.text);
    }

    // ---- differential: grep -E reads an ERE with the same glibc regex ----

    /** Expressions valid both to regcomp(REG_EXTENDED) and to grep -E, whose syntax differs at errors. */
    static Stream<String> validExpressions() {
        return Stream.of("^open", "at$", "^(open|close)", "^[[:alpha:]]+$", "[[:digit:]]", "[[:digit:]_]", "^[^aeiou]",
                "[]a]", "[^]a]", "[a-]x", "x[-a]", "[\\]", "\\.", "a\\|b", "\\(", "\\{", "a.b", "^.{4}$",
                "^.{2,3}$", "^.{,2}$", "a{2,}", "(ab|b)+", "p+?r", "e**", "(a|)\\1x", "(.)\\1", "^(..).*\\1$",
                "(a){0}b", "\\<get", "id\\>", "\\bat", "e\\B", "\\w-\\w", "\\W", "\\s", "\\S+$", "\\`r", "d\\'",
                "^$", "x|", "|x", "(|x)", "a)", "}", "a{1}}", "[[.-.]]", "[[.a.]-[.c.]]", "[[=e=]]", "[[:punct:]]",
                "[[:space:]]", "[[:upper:]]", "[[:xdigit:]]{3}", "[[:cntrl:]]", "[[:blank:]]", "[[:print:]]",
                "[[:graph:]]$", "[[:alnum:]]_[[:lower:]]", "a^b", "a$b", "(^a|b$)", "é", "[é]", "[^é]", "\\é",
                "x*?", "(ab)*c", "^(a*)*$", "[--/]", "[!--]", ".");
    }

    /**
     * Lines for grep: the syscall names and odd ASCII strings, without newlines, which grep reads as
     * separators. Non-ASCII ones only for expressions that have non-ASCII characters of their own: to
     * glibc's UTF-8 locale é is alpha, print and graph, while PosixRegex's classes are ASCII's.
     */
    private static List<String> subjects(String ere) {
        Set<String> subjects = new LinkedHashSet<>();
        for (SyscallDef d : SyscallTable.x86_64().all()) {
            subjects.add(d.name());
        }
        subjects.addAll(List.of("", "a", "aa", "ab", "abab", "aab", "b", "bb", "x", "ax", "xa", "a-b", "a b", "a\tb",
                "]", "[", "\\", "a.b", "a|b", "(", "{", "}", "a)", "a}", "x{2}", "-", "/", "A", "ABC",
                "9", "0x1F", "_", "a_b", "$", "^", "a^b", "a$b", "\u0001", "~", "ppr", "eee", "get_id", "Get",
                "is id"));
        if (!ere.chars().allMatch(c -> c < 0x80)) {
            subjects.addAll(List.of("é", "Aé", "e"));
        }
        return List.copyOf(subjects);
    }

    @ParameterizedTest
    @MethodSource("validExpressions")
    void findsWhatGrepFinds(String ere) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(GREP), "needs " + GREP);
        List<String> subjects = subjects(ere);
        Pattern pattern = PosixRegex.compile(ere);
        Set<String> ours = new LinkedHashSet<>();
        for (String s : subjects) {
            if (pattern.matcher(s).find()) {
                ours.add(s);
            }
        }
        Set<String> grep = grep(ere, subjects);
        Set<String> onlyGrep = new LinkedHashSet<>(grep);
        onlyGrep.removeAll(ours);
        Set<String> onlyOurs = new LinkedHashSet<>(ours);
        onlyOurs.removeAll(grep);
        assertEquals(grep, ours, () -> ere + " as " + pattern + ": only grep finds " + onlyGrep
                + ", only we find " + onlyOurs);
    }

    /** The subjects grep -E selects, in a UTF-8 locale as PosixRegex models. */
    private static Set<String> grep(String ere, List<String> subjects) throws IOException, InterruptedException {
        Path input = Files.createTempFile("jtrace-regex", ".txt");
        try {
            Files.write(input, subjects, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(GREP.toString(), "-n", "-E", "-e", ere, input.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("LC_ALL", "C.UTF-8");
            Process grep = builder.start();
            String out = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!grep.waitFor(20, TimeUnit.SECONDS)) {
                grep.destroyForcibly();
                throw new AssertionError("grep did not finish: " + ere);
            }
            // 0: some lines, 1: none; 2 would be grep refusing the expression.
            assertEquals(true, grep.exitValue() <= 1, () -> "grep refused " + ere);
            Set<String> selected = new LinkedHashSet<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    selected.add(subjects.get(Integer.parseInt(line.substring(0, line.indexOf(':'))) - 1));
                }
            }
            return selected;
        } finally {
            Files.delete(input);
        }
    }
}
