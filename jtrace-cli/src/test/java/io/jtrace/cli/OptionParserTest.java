package io.jtrace.cli;

import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallSet;
import io.jtrace.syscalls.SyscallTable;

import io.jtrace.decode.ConstantStyle;
import io.jtrace.decode.HexStyle;
import io.jtrace.stats.Column;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OptionParserTest {
    private static final Set<String> SYSCALLS =
            Set.of("open", "openat", "close", "read", "write", "execve", "stat", "mmap", "exit_group");
    private static final long TRACER_PID = 4242;
    private static final Path STRACE = Path.of("/usr/bin/strace");
    private static final Path GREP = Path.of("/usr/bin/grep");
    private static final String STRACE_PREFIX = STRACE + ": ";
    private static final String STRACE_TRY_HELP = "Try '" + STRACE + " -h' for more information.";

    private final OptionParser parser = new OptionParser(TRACER_PID);

    private Options parse(String... args) throws UsageException {
        return parser.parse(args);
    }

    private UsageException failure(String... args) {
        return assertThrows(UsageException.class, () -> parser.parse(args));
    }

    private void assertFails(String message, boolean tryHelp, String... args) {
        UsageException e = failure(args);
        assertEquals(message, e.getMessage(), () -> String.join(" ", args));
        assertEquals(tryHelp, e.tryHelp(), () -> "tryHelp for " + String.join(" ", args));
    }

    /** The -q count a quiet set stands for, or -1 for a set no count gives. */
    private static int level(Options o) {
        List<Set<String>> levels = List.of(Set.of(), Set.of("attach", "personality"),
                Set.of("attach", "personality", "exit"),
                Set.of("attach", "personality", "exit", "path-resolution", "thread-execve"));
        return levels.indexOf(o.quiet());
    }

    // ---- getopt_long syntax ----

    @Test
    void defaultsMatchStrace() throws UsageException {
        Options o = parse("true");
        assertEquals(new Options(List.of("true"), List.of(), false, false, null, 40, 32, Set.of(), null, false, false,
                List.of(), false, io.jtrace.decode.HexStyle.NONE, 0,
                io.jtrace.decode.ConstantStyle.ABBREV, false, null, null, List.of(), false, Timing.NONE, false, false, false, 2, null, 0, false, null, null,
                null, null, List.of(), false, null, null, false, null), o);
    }

    @Test
    void shortOptionsCluster() throws UsageException {
        Options ff = parse("-ff", "true");
        assertTrue(ff.followForks());
        assertTrue(ff.followForksSeparately());
        assertEquals(2, level(parse("-qq", "true")));
        Options fq = parse("-fq", "true");
        assertTrue(fq.followForks());
        assertFalse(fq.followForksSeparately());
        assertEquals(1, level(fq));
        assertEquals(3, level(parse("-qqq", "true")));
        assertEquals(3, level(parse("-qqqq", "true")));
        assertEquals(2, level(parse("-q", "-q", "true")));
    }

    @Test
    void valuesAttachToTheirOption() throws UsageException {
        Options o = parse("-s80", "-a60", "-ofile", "-etrace=openat", "-p123", "true");
        assertEquals(80, o.stringLimit());
        assertEquals(60, o.alignColumn());
        assertEquals("file", o.outputFile());
        assertEquals(Set.of("openat"), o.traceNames());
        assertEquals(List.of(123), o.attachPids());
    }

    @Test
    void valuesMayFollowAsTheNextWordWhateverItLooksLike() throws UsageException {
        Options o = parse("-s", "80", "-a", "60", "-o", "file", "-e", "trace=openat", "-p", "5", "true");
        assertEquals(80, o.stringLimit());
        assertEquals(60, o.alignColumn());
        assertEquals("file", o.outputFile());
        assertEquals(Set.of("openat"), o.traceNames());
        assertEquals(List.of(5), o.attachPids());
        assertEquals("-x", parse("-o", "-x", "true").outputFile());
        assertEquals("--", parse("-o", "--", "true").outputFile());
    }

    @Test
    void aValuedOptionEndsItsCluster() throws UsageException {
        Options attached = parse("-fs80", "true");
        assertTrue(attached.followForks());
        assertEquals(80, attached.stringLimit());
        Options separate = parse("-fo", "file", "true");
        assertTrue(separate.followForks());
        assertEquals("file", separate.outputFile());
        assertEquals(List.of("true"), separate.command());
    }

    @Test
    void longOptionsTakeValuesAfterEqualsOrAsTheNextWord() throws UsageException {
        Options o = parse("--output=out", "--string-limit", "80", "--columns=60", "--attach", "7",
                "--trace=open,close", "--follow-forks", "--quiet", "true");
        assertEquals("out", o.outputFile());
        assertEquals(80, o.stringLimit());
        assertEquals(60, o.alignColumn());
        assertEquals(List.of(7), o.attachPids());
        assertEquals(Set.of("open", "close"), o.traceNames());
        assertTrue(o.followForks());
        assertEquals(1, level(o));
        assertEquals("out", parse("--output", "out", "true").outputFile());
        assertEquals(3, level(parse("--quiet=all", "true")));
        assertTrue(parse("--output-separately", "-o", "f", "true").followForksSeparately());
        assertTrue(parse("--help").help());
        assertTrue(parse("--version").version());
    }

    @Test
    void longOptionsMayBeAbbreviatedUnambiguously() throws UsageException {
        Options o = parse("--string-l=80", "--col", "60", "--foll", "--att=9", "true");
        assertEquals(80, o.stringLimit());
        assertEquals(60, o.alignColumn());
        assertTrue(o.followForks());
        assertEquals(List.of(9), o.attachPids());
        assertTrue(parse("--vers").version());
        assertTrue(parse("--he").help());
        // silent and silence are the same option as quiet, so a prefix of both is not ambiguous.
        assertEquals(1, level(parse("--sil", "true")));
    }

    @Test
    void anExactNameWinsOverLongerOnes() throws UsageException {
        assertEquals(Set.of("open"), parse("--trace=open", "true").traceNames());
        assertEquals("f", parse("--output", "f", "true").outputFile());
    }

    @Test
    void ambiguousPrefixesListTheCandidatesInTableOrder() {
        assertFails("option '--o' is ambiguous; possibilities: '--output-append-mode' '--output-separately' "
                + "'--output'", true, "--o", "true");
        assertFails("option '--tr=x' is ambiguous; possibilities: '--trace-path' '--trace'", true, "--tr=x", "true");
    }

    @Test
    void optionsStopAtTheFirstNonOption() throws UsageException {
        Options o = parse("-f", "prog", "-s", "5");
        assertEquals(List.of("prog", "-s", "5"), o.command());
        assertEquals(32, o.stringLimit());
        assertEquals(List.of("-", "-f"), parse("-", "-f").command());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        Options o = parse("-f", "--", "-s", "5");
        assertEquals(List.of("-s", "5"), o.command());
        assertEquals(32, o.stringLimit());
    }

    // ---- -p ----

    @Test
    void attachTakesRepeatedCommaOrBlankSeparatedLists() throws UsageException {
        assertEquals(List.of(1, 2, 3, 4), parse("-p", "1,2", "-p", "3 4").attachPids());
        assertEquals(List.of(5, 6, 7), parse("-p", "5\t6\n7").attachPids());
        assertEquals(List.of(8), parse("-p", "8,").attachPids());
        assertEquals(List.of(9, 9), parse("-p", "9", "-p9").attachPids());
        assertEquals(List.of(3), parse("-p", "+3").attachPids());
        assertEquals(List.of(), parse("-p", "5").command());
    }

    @Test
    void attachRefusesWhatIsNotAPid() {
        assertFails("Invalid process id: '0'", false, "-p", "0");
        assertFails("Invalid process id: 'abc'", false, "-p", "abc");
        assertFails("Invalid process id: '-1'", false, "-p", "-1");
        assertFails("Invalid process id: 'x'", false, "-p", "1,x");
        assertFails("Invalid process id: ''", false, "-p", "1,,2");
        assertFails("Invalid process id: ''", false, "-p", " 1");
        assertFails("Invalid process id: '2147483648'", false, "-p", "2147483648");
        assertFails("I'm sorry, I can't let you do that, Dave.", false, "-p", "1," + TRACER_PID);
        assertFails("must have PROG [ARGS] or -p PID", true, "-p", "");
    }

    // ---- -s and -a ----

    @Test
    void stringLimitAndColumnAcceptWhatStrtollAccepts() throws UsageException {
        assertEquals(5, parse("-s", " 5", "true").stringLimit());
        assertEquals(5, parse("-s", "+5", "true").stringLimit());
        assertEquals(0, parse("-s", "-0", "true").stringLimit());
        assertEquals(1073741823, parse("-s", "1073741823", "true").stringLimit());
        assertEquals(0, parse("-a", "0", "true").alignColumn());
        assertEquals(Integer.MAX_VALUE, parse("-a", "2147483647", "true").alignColumn());
    }

    @Test
    void stringLimitAndColumnRefuseTheRest() {
        for (String bad : List.of("abc", "-1", "1073741824", "5x", "5 ", "", "0x10")) {
            assertFails("invalid -s argument: '" + bad + "'", true, "-s", bad, "true");
        }
        for (String bad : List.of("abc", "-1", "2147483648")) {
            assertFails("invalid -a argument: '" + bad + "'", true, "-a", bad, "true");
        }
        assertFails("invalid --string-limit argument: 'abc'", true, "--string-l=abc", "true");
        assertFails("invalid --columns argument: 'abc'", true, "--col=abc", "true");
    }

    // ---- getopt errors ----

    @Test
    void unknownOptionsAreRefused() {
        assertFails("invalid option -- 'W'", true, "-W");
        assertFails("invalid option -- ':'", true, "-:");
        assertFails("unrecognized option '--foo=1'", true, "--foo=1", "true");
        assertFails("unrecognized option '---'", true, "---");
    }

    @Test
    void missingArgumentsAreRefused() {
        assertFails("option requires an argument -- 's'", true, "-s");
        assertFails("option requires an argument -- 'e'", true, "-fe");
        assertFails("option '--columns' requires an argument", true, "--col");
        assertFails("option '--trace' requires an argument", true, "--trace");
    }

    @Test
    void argumentsToFlagsAreRefused() {
        assertFails("option '--help' doesn't allow an argument", true, "--hel=1");
        assertFails("option '--follow-forks' doesn't allow an argument", true, "--follow-forks=yes", "true");
    }

    @Test
    void aCommandOrAPidIsRequired() {
        assertFails("must have PROG [ARGS] or -p PID", true);
        assertFails("must have PROG [ARGS] or -p PID", true, "-f", "-s", "80");
    }

    // ---- -e trace= ----

    @Test
    void traceSelectsNames() throws UsageException {
        assertEquals(Set.of("open", "close"), parse("-e", "open,close", "true").traceNames());
        assertEquals(Set.of("open"), parse("-e", "t=open", "true").traceNames());
        assertEquals(Set.of("open", "close"), parse("-e", "trace=open,,close", "true").traceNames());
        assertEquals(Set.of("open"), parse("-e", "trace=?bogus,??open", "true").traceNames());
        assertEquals(Set.of(), parse("-e", "trace=?", "true").traceNames());
    }

    @Test
    void traceUnderstandsAllAndNone() throws UsageException {
        assertEquals(Set.of(), parse("-e", "trace=none", "true").traceNames());
        assertNull(parse("-e", "trace=all", "true").traceNames());
        assertNull(parse("-e", "trace=!none", "true").traceNames());
        assertEquals(Set.of(), parse("-e", "trace=!all", "true").traceNames());
        assertEquals(Set.of(), parse("-e", "trace=!!none", "true").traceNames());
        // "all" among other tokens is strace's class of every call it has a name for, not every number.
        SyscallSet named = parse("-e", "trace=open,all", "true").trace();
        assertTrue(named.contains(0) && named.contains(257) && named.contains(435));
        assertFalse(named.contains(335), "no x86_64 call has number 335");
    }

    @Test
    void theLastTraceWins() throws UsageException {
        assertEquals(Set.of("close"), parse("-e", "trace=open", "--trace=close", "true").traceNames());
        assertEquals(Set.of("open"), parse("-e", "trace=%file", "-e", "trace=open", "true").traceNames());
    }

    @Test
    void traceRefusesUnknownNames() {
        assertFails("invalid system call 'foo'", false, "-e", "trace=foo", "true");
        assertFails("invalid system call 'foo'", false, "-e", "foo", "true");
        assertFails("invalid system call 'bogus'", false, "-e", "trace=open,bogus", "true");
        assertFails("invalid system call 'none'", false, "-e", "trace=open,none", "true");
        assertFails("invalid system call ''", false, "--trace=", "true");
        assertFails("invalid system call '!,,'", false, "-e", "trace=!,,", "true");
        assertFails("invalid system call '%bogus'", false, "-e", "trace=%bogus", "true");
        assertFails("invalid system call '1x'", false, "-e", "trace=1x", "true");
        assertFails("invalid system call 'bogus=x'", false, "-e", "bogus=x", "true");
    }

    @Test
    void traceRefusesUnknownPersonalities() {
        assertFails("incorrect personality designator 'bar' in qualification 'foo@bar'", true,
                "-e", "trace=?foo@bar", "true");
        assertFails("incorrect personality designator '' in qualification 'open@'", true, "-e", "trace=open@", "true");
    }

    @Test
    void traceSelectsClassesNumbersRegexesAndNegations() throws UsageException {
        SyscallSet file = parse("-e", "trace=%file", "true").trace();
        assertTrue(file.contains(2) && file.contains(257) && file.contains(59), "open, openat, execve");
        assertFalse(file.contains(0), "read takes no file name");
        assertTrue(parse("-e", "trace=network", "true").trace().contains(41), "socket");
        assertEquals(parse("-e", "trace=%net", "true").trace(), parse("-e", "trace=%NETWORK", "true").trace());
        SyscallSet notOpen = parse("-e", "trace=!open", "true").trace();
        assertTrue(notOpen.contains(0) && !notOpen.contains(2));
        assertTrue(notOpen.contains(335), "a negated set holds the numbers no call has, as strace's does");
        assertEquals(Set.of("open", "openat", "open_by_handle_at", "open_tree", "openat2"),
                parse("-e", "trace=/^open", "true").traceNames());
        assertEquals(Set.of("open"), parse("-e", "trace=2", "true").traceNames());
        assertTrue(parse("-e", "trace=335", "true").trace().contains(335), "a number no call has is still a number");
        assertEquals(Set.of("open"), parse("-e", "trace=open@64", "true").traceNames());
        // The other personalities' calls: none is an x86_64 call.
        assertEquals(Set.of("open"), parse("-e", "trace=open@64,open@32,close@x32", "true").traceNames());
        assertEquals(Set.of(), parse("-e", "trace=/^open@32", "true").traceNames());
        assertEquals(Set.of("getpid", "getppid"), parse("-e", "trace=/^getp+id$", "true").traceNames());
        assertEquals(Set.of("getpid", "getppid"), parse("-e", "trace=/^getp{1}p?id$", "true").traceNames());
        assertTrue(parse("-e", "trace=%%stat", "true").traceNames().containsAll(Set.of("stat", "fstat", "newfstatat", "statx")));
    }

    @Test
    void traceRefusesWhatItCannotSelect() {
        assertFails("invalid system call '/^nothing-matches'", false, "-e", "trace=/^nothing-matches", "true");
        assertFails("invalid system call '99999'", false, "-e", "trace=99999", "true");
        assertFails("regcomp: (: Unmatched ( or \\(", false, "-e", "trace=/(", "true");
        assertFails("regcomp: [[:alpha:]-z]: Invalid range end", false, "-e", "trace=/[[:alpha:]-z]", "true");
    }

    @Test
    void statusSelectsHowCallsEnded() throws UsageException {
        assertEquals(Set.of(io.jtrace.decode.CallStatus.SUCCESSFUL), parse("-z", "true").status());
        assertEquals(Set.of(io.jtrace.decode.CallStatus.FAILED), parse("-z", "-Z", "true").status());
        assertEquals(List.of("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
                + "See status qualifier for more complex filters."), parse("-z", "-Z", "true").warnings());
        assertEquals(Set.of(io.jtrace.decode.CallStatus.FAILED, io.jtrace.decode.CallStatus.UNFINISHED),
                parse("-e", "status=failed,Unfinished", "true").status());
        assertNull(parse("-e", "status=all", "true").status());
        assertEquals(Set.of(), parse("-e", "status=!all", "true").status());
        assertEquals(4, parse("--status=!detached", "true").status().size());
        assertFails("invalid status 'bogus'", false, "-e", "status=bogus", "true");
        assertFails("invalid status ''", false, "-e", "status=", "true");
    }

    // ---- other -e qualifiers and unsupported options ----

    @Test
    void quietQualifierTakesTheSetsOfDashQ() throws UsageException {
        assertEquals(1, level(parse("-e", "quiet=personality,attach", "true")));
        assertEquals(2, level(parse("-e", "q=Exit,attach,personality", "true")));
        assertEquals(3, level(parse("-e", "quiet=all", "true")));
        assertEquals(3, level(parse("-e", "quiet=!none", "true")));
        assertEquals(0, level(parse("-e", "silent=none", "true")));
        assertEquals(Set.of("path-resolution"), parse("-e", "quiet=path-resolution", "true").quiet());
        assertEquals(Set.of("attach", "exit", "personality", "thread-execve"),
                parse("--quiet=!path-resolution", "true").quiet());
        assertEquals(Set.of("thread-execve"), parse("-e", "quiet=superseded", "true").quiet());
    }

    @Test
    void quietQualifierRefusesUnknownNames() {
        assertFails("invalid quiet 'foo'", false, "-e", "quiet=attach,foo", "true");
        assertFails("invalid quiet ''", false, "--quiet=", "true");
        assertFails("invalid quiet 'ALL'", false, "-e", "quiet=ALL", "true");
        assertFails("invalid quiet 'all'", false, "-e", "quiet=all,exit", "true");
    }

    @Test
    void otherQualifiersAreRefusedHonestly() {
        assertFails("-e fault is not supported by jtrace yet", false, "-e", "fault=open", "true");
    }

    @Test
    void descriptorSetsOfReadAndWrite() throws UsageException {
        Options o = parse("-e", "read=0,5", "-e", "w=1", "true");
        assertTrue(o.readFds().test(0) && o.readFds().test(5));
        assertFalse(o.readFds().test(1));
        assertTrue(o.writeFds().test(1));
        assertFalse(o.writeFds().test(0));
        assertNull(parse("true").readFds());
        assertTrue(parse("--read=all", "true").readFds().test(1000));
        assertFalse(parse("--write=none", "true").writeFds().test(1));
        assertFalse(parse("-e", "reads=!all", "true").readFds().test(1));
        assertTrue(parse("-e", "writes=!!!0", "true").writeFds().test(3));
        assertFalse(parse("-e", "writes=!!!0", "true").writeFds().test(0));
        // strtoll's blanks and sign, INT_MAX at most; the last -e read= counts.
        assertTrue(parse("-e", "r= +2,2147483647", "true").readFds().test(2147483647));
        assertFalse(parse("-e", "r=3", "-e", "r=4", "true").readFds().test(3));
        assertFails("invalid descriptor 'abc'", false, "-e", "read=1,abc", "true");
        assertFails("invalid descriptor '-1'", false, "--write=-1", "true");
        assertFails("invalid descriptor '2147483648'", false, "-e", "write=2147483648", "true");
        assertFails("invalid descriptor ''", false, "-e", "read=", "true");
        assertFails("invalid descriptor '!,,'", false, "-e", "read=!,,", "true");
        assertFails("option '--read' requires an argument", true, "--read");
    }

    @Test
    void environmentChangesInOrder() throws UsageException {
        Options o = parse("-E", "A=1", "--env=B", "-EC=", "--env", "D=x=y", "true");
        assertEquals(List.of("A=1", "B", "C=", "D=x=y"), o.envChanges().stream().map(EnvChanges.Change::text).toList());
        // Where each one's bytes are in argv: the word, and the option letters before it.
        assertEquals(List.of(1, 2, 3, 5), o.envChanges().stream().map(EnvChanges.Change::argIndex).toList());
        assertEquals(List.of(0, 6, 2, 0), o.envChanges().stream().map(EnvChanges.Change::offset).toList());
        assertFails("option requires an argument -- 'E'", true, "-E");
    }

    @Test
    void environmentChangesApplyAsStracesMakeEnv() {
        List<byte[]> env = List.of(b("A=1"), b("B=2"), b("A=3"), b("C"), b("CC=4"));
        List<EnvChanges.Change> changes = List.of(new EnvChanges.Change("A=new", -1, 0),
                new EnvChanges.Change("C", -1, 0), new EnvChanges.Change("D=5", -1, 0),
                new EnvChanges.Change("B", -1, 0), new EnvChanges.Change("A", -1, 0), new EnvChanges.Change("A=6", -1, 0));
        assertEquals(List.of("CC=4", "D=5", "A=6"),
                EnvChanges.apply(env, changes, null).stream().map(String::new).toList());
        // The first entry of the name is replaced, later ones stay.
        assertEquals(List.of("A=x", "B=2", "A=3", "C", "CC=4"), EnvChanges.apply(env,
                List.of(new EnvChanges.Change("A=x", -1, 0)), null).stream().map(String::new).toList());
        // The bytes come from argv when known.
        List<byte[]> fromArgv = EnvChanges.apply(env, List.of(new EnvChanges.Change("E=?", 0, 2)),
                List.of(new byte[] {'-', 'E', 'E', '=', (byte) 0xff}));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {'E', '=', (byte) 0xff}, fromArgv.getLast());
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void decodePidsAsStraceQualifiesThem() throws UsageException {
        assertTrue(parse("-Y", "true").decodePidsComm());
        assertTrue(parse("--decode-pids=comm", "true").decodePidsComm());
        assertTrue(parse("--decode-pids=COMM", "true").decodePidsComm());
        assertTrue(parse("-e", "decode-pid=comm", "true").decodePidsComm());
        assertFalse(parse("true").decodePidsComm());
        assertFalse(parse("-Y", "--decode-pids=none", "true").decodePidsComm());
        // -Y replaces an earlier pidns, as strace's qualify_tokens clears the set.
        assertTrue(parse("--pidns-translation", "-Y", "true").decodePidsComm());
        assertFails("invalid decode-pids 'foo'", false, "--decode-pids=comm,foo", "true");
        assertFails("invalid decode-pids ''", false, "--decode-pids=", "true");
        assertFails("invalid decode-pids '!'", false, "--decode-pids=!", "true");
        assertFails("option '--decode-pids' requires an argument", true, "--decode-pids");
        assertFalse(parse("--pidns-translation", "-Y", "true").decodePidsNs());
    }

    @Test
    void pidnsTranslationAsStraceQualifiesIt() throws UsageException {
        assertTrue(parse("--pidns-translation", "true").decodePidsNs());
        assertFalse(parse("--pidns-translation", "true").decodePidsComm());
        assertTrue(parse("--decode-pids=pidns", "true").decodePidsNs());
        assertTrue(parse("--decode-pids=PIDNS", "true").decodePidsNs());
        assertTrue(parse("-e", "decode-pids=pidns", "true").decodePidsNs());
        assertTrue(parse("-e", "decode-pid=comm,pidns", "true").decodePidsNs());
        Options all = parse("--decode-pids=all", "true");
        assertTrue(all.decodePidsNs() && all.decodePidsComm());
        Options notComm = parse("--decode-pids=!comm", "true");
        assertTrue(notComm.decodePidsNs() && !notComm.decodePidsComm());
        Options both = parse("-Y", "--pidns-translation", "true");
        assertTrue(both.decodePidsNs() && !both.decodePidsComm(), "each replaces the set before it");
        assertFalse(parse("--pidns-translation", "--decode-pids=none", "true").decodePidsNs());
        assertFalse(parse("true").decodePidsNs());
        assertFails("invalid decode-pids 'pidnsx'", false, "--decode-pids=pidnsx", "true");
    }

    @Test
    void signalSetsAsStraceReadsThem() throws UsageException {
        Options o = parse("-e", "signal=SIGINT,term,9", "true");
        assertTrue(o.printsSignal(2) && o.printsSignal(15) && o.printsSignal(9));
        assertFalse(o.printsSignal(17));
        Options not = parse("--signal=!sigchld", "true");
        assertFalse(not.printsSignal(17));
        assertTrue(not.printsSignal(2));
        assertFalse(parse("-e", "s=none", "true").printsSignal(2));
        assertTrue(parse("-e", "signals=!none", "true").printsSignal(2));
        assertTrue(parse("true").printsSignal(64));
        // The last one counts.
        assertTrue(parse("-e", "signal=INT", "-e", "signal=TERM", "true").printsSignal(15));
        assertFalse(parse("-e", "signal=INT", "-e", "signal=TERM", "true").printsSignal(2));
        assertFails("invalid signal 'SIGFOO'", false, "-e", "signal=INT,SIGFOO", "true");
        assertFails("invalid signal ''", false, "--signal=", "true");
        assertFails("invalid signal '256'", false, "-e", "signal=256", "true");
    }

    @Test
    void otherOptionsAreRefusedHonestly() {
        assertFails("-k is not supported by jtrace yet", false, "-k", "true");
    }

    @Test
    void interruptibleLevelsAndDefaults() throws UsageException {
        assertEquals(2, parse("true").interruptible());
        assertEquals(3, parse("-o", "f", "true").interruptible(), "-o FILE PROG");
        assertEquals(2, parse("-o", "f", "-p", "2").interruptible(), "-o FILE -p PID");
        assertEquals(1, parse("-I1", "-o", "f", "true").interruptible());
        assertEquals(1, parse("--interruptible=always", "true").interruptible());
        assertEquals(2, parse("-I", "waiting", "true").interruptible());
        assertEquals(3, parse("-I", "never", "true").interruptible());
        assertEquals(4, parse("-I", "never_tstp", "true").interruptible());
        assertFails("invalid -I argument: '0'", true, "-I", "0", "true");
        assertEquals(3, parse("--interruptible=Never", "true").interruptible());
        assertFails("invalid --interruptible argument: 'nev'", true, "--interruptible=nev", "true");
    }

    @Test
    void tipsAsStraceParsesThem() throws UsageException {
        assertEquals(new Tips(-1, Tips.Format.COMPACT), parse("--tips", "true").tips());
        assertEquals(new Tips(7, Tips.Format.FULL), parse("--tips=id:7,FULL", "true").tips());
        assertEquals(new Tips(7, Tips.Format.FULL), parse("--tips=7,format:full", "true").tips());
        assertEquals(new Tips(-1, Tips.Format.NONE), parse("--tips=none,random", "true").tips());
        // A later --tips keeps what it does not say.
        assertEquals(new Tips(3, Tips.Format.FULL), parse("--tips=3,full", "--tips=full", "true").tips());
        assertEquals(new Tips(3, Tips.Format.COMPACT), parse("--tips=3,none", "--tips", "true").tips());
        assertEquals(null, parse("true").tips());
        assertFails("invalid --tips argument: 'id:full'", true, "--tips=id:full", "true");
        assertTrue(parse("-d", "true").debug());
    }

    @Test
    void daemonizeLevels() throws UsageException {
        assertEquals(0, parse("true").daemonize());
        assertEquals(1, parse("-D", "true").daemonize());
        assertEquals(3, parse("-DDD", "true").daemonize());
        assertEquals(1, parse("--daemonize", "true").daemonize());
        assertEquals(2, parse("--daemonize=PGRP", "true").daemonize());
        assertEquals(3, parse("--daemonized=session", "true").daemonize());
        assertEquals(4, parse("-D", "true").interruptible(), "-D: ^Z too is ignored");
        assertEquals(1, parse("-D", "-I1", "true").interruptible());
    }

    @Test
    void detachOnExecveTakesExecveOnlyAndTurnsTheFilterOff() throws UsageException {
        assertTrue(parse("-b", "execve", "true").detachOnExecve());
        assertFails("Syscall 'open' for -b isn't supported", false, "-b", "open", "true");
        Options o = parse("--seccomp-bpf", "-f", "-bexecve", "-e", "trace=execve", "true");
        assertFalse(o.seccomp());
        assertEquals(List.of("--seccomp-bpf is not enabled because it is not compatible with -b"), o.warnings());
        assertFalse(parse("-f", "-bexecve", "-e", "trace=execve", "true").seccomp());
    }

    @Test
    void unsupportedOptionsYieldToEverythingStraceChecks() throws UsageException {
        assertFails("invalid option -- 'W'", true, "-k", "-W");
        assertFails("must have PROG [ARGS] or -p PID", true, "-k");
        assertFails("-f and --follow-forks cannot be provided simultaneously", false, "-k", "-f", "--follow-forks",
                "true");
        assertTrue(parse("-k", "-h").help());
        assertTrue(parse("-k", "-V").version());
    }

    // ---- -c, -C and the summary table's options ----

    @Test
    void summaryOnlyAndSummaryWithTrace() throws UsageException {
        assertNull(parse("true").summary());
        assertEquals(new Options.Summary(true, false, 0, Column.TIME_PERCENT, Column.DEFAULTS),
                parse("-c", "true").summary());
        assertEquals(new Options.Summary(false, false, 0, Column.TIME_PERCENT, Column.DEFAULTS),
                parse("--summary", "true").summary());
        assertTrue(parse("-cc", "--summary-only", "true").summary().only());
        assertFails("-c/--summary-only and -C/--summary are mutually exclusive", true, "-c", "-C", "true");
        assertFails("-c/--summary-only and -C/--summary are mutually exclusive", true, "-C", "--summary-o", "true");
        assertFails("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive", true,
                "-c", "-ff", "-o", "x", "true");
        assertFails("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive", true,
                "-C", "--output-separately", "true");
    }

    @Test
    void summaryColumnsAndSorting() throws UsageException {
        assertEquals(Column.CALLS, parse("-c", "-S", "count", "true").summary().sortBy());
        assertEquals(Column.NAME, parse("-c", "--summary-sort-by=syscall_name", "true").summary().sortBy());
        assertNull(parse("-c", "-S", "nothing", "true").summary().sortBy());
        assertEquals(List.of(Column.CALLS, Column.TIME_MAX, Column.NAME),
                parse("-c", "-U", "count,longest", "true").summary().columns());
        assertEquals(List.of(Column.NAME, Column.ERRORS),
                parse("-C", "--summary-columns=syscall,error", "true").summary().columns());
        assertTrue(parse("-c", "-w", "true").summary().wallClock());
        assertFails("invalid sortby: 'bogus'", true, "-c", "-S", "bogus", "true");
        assertFails("unknown column name: 'none'", true, "-c", "-U", "none", "true");
        assertFails("unknown column name: ''", true, "-c", "-U", "calls,", "true");
        assertFails("call summary column has been provided more than once: 'count' (-U option residual: 'count,name')",
                true, "-c", "-U", "time,calls,count,name", "true");
        assertFails("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)", true, "-w", "true");
        assertFails("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)", true,
                "-U", "calls", "true");
        assertEquals(List.of("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)"),
                parse("-S", "calls", "true").warnings());
    }

    @Test
    void overheadTakesStracesTimeFormat() throws UsageException {
        assertEquals(1000, parse("-c", "-O", "1", "true").summary().overheadNanos());
        assertEquals(450_000_000, parse("-c", "-O4.5e2ms", "true").summary().overheadNanos());
        assertEquals(450_000_000, parse("-c", "--summary-syscall-overhead=4.5e-1s", "true").summary().overheadNanos());
        assertEquals(456_789_012, parse("-c", "-O", "456789012ns", "true").summary().overheadNanos());
        assertEquals(3_000_000_000L, parse("-c", "-O", "3s", "true").summary().overheadNanos());
        assertEquals(1500, parse("-c", "-O", "1.5", "true").summary().overheadNanos());
        assertEquals(7000, parse("-c", "-O", " +7us", "true").summary().overheadNanos());
        assertEquals(0, parse("-c", "-O", "-0", "true").summary().overheadNanos());
        for (String bad : List.of("x", "", "-1", "1m", "1e", "1x", "1 s", "1.5xs", "e5", "1e400", "-inf", "+inf", " -5")) {
            assertFails("invalid -O argument: '" + bad + "'", true, "-c", "-O", bad, "true");
        }
        assertFails("invalid --summary-syscall-overhead argument: 'abc'", true, "--summary-syscall-overhead=abc", "true");
    }

    @Test
    void summaryOnlyWarnsAboutTheTraceOptions() throws UsageException {
        assertEquals(List.of("-y/--decode-fds has no effect with -c/--summary-only"), parse("-c", "-yy", "true").warnings());
        assertEquals(List.of(), parse("-C", "-y", "true").warnings());
        assertEquals(List.of(), parse("-c", "--decode-fds=none", "true").warnings());
    }

    // ---- -h and -V ----

    @Test
    void helpStopsParsingWhereItStands() throws UsageException {
        assertTrue(parse("-h", "-W").help());
        assertTrue(parse("-V", "-h").help());
        assertFails("invalid option -- 'W'", true, "-W", "-h");
        assertFails("Invalid process id: '0'", false, "-p", "0", "-h");
    }

    @Test
    void versionWaitsForTheWholeLineButNeedsNoCommand() throws UsageException {
        assertTrue(parse("-V").version());
        assertTrue(parse("-V", "-f", "--follow-forks").version());
        assertFails("invalid option -- 'W'", true, "-V", "-W");
        assertFails("Invalid process id: '0'", false, "-V", "-p", "0");
    }

    @Test
    void helpTextIsStracesWithJtraceAsTheProgram() {
        String help = OptionParser.helpText();
        assertTrue(help.startsWith("Usage: jtrace [-ACdffhikqqrtttTvVwxxyyzZ]"), help);
        assertTrue(help.contains("\n   or: jtrace -c[dfwzZ]"), help);
        assertTrue(help.contains("jtrace implements these options so far:"), help);
        // Every option jtrace takes is listed as such, not as missing.
        for (String option : List.of("-A", "-v", "-x", "-xx", "-X", "-y", "-yy", "-e decode-fds=")) {
            String implemented = help.substring(help.indexOf("jtrace implements"));
            assertTrue(implemented.contains(option + ",") || implemented.contains(option + " "), option + " in\n" + help);
        }
    }

    @Test
    void versionTextIsShapedLikeStraces() {
        String[] lines = OptionParser.versionText().split("\n");
        assertEquals("jtrace -- version " + OptionParser.VERSION, lines[0]);
        assertEquals("Optional features enabled: (none)", lines[lines.length - 1]);
    }

    // ---- strace's own checks after the options ----

    @Test
    void followForksSpellingsConflict() throws UsageException {
        assertFails("-f and --follow-forks cannot be provided simultaneously", false, "-f", "--follow-forks", "true");
        assertFails("-ff and --output-separately cannot be provided simultaneously", false,
                "-ff", "--output-separately", "true");
        // strace 6.1 lets a single -f switch --output-separately off.
        Options o = parse("-f", "--output-separately", "-o", "log", "true");
        assertTrue(o.followForks());
        assertFalse(o.followForksSeparately());
        Options separately = parse("--output-separately", "-o", "log", "true");
        assertFalse(separately.followForks());
        assertTrue(separately.followForksSeparately());
    }

    @Test
    void quietSpellingsConflict() {
        assertFails("-q and -e quiet/--quiet cannot be provided simultaneously", false, "-q", "--quiet", "true");
        assertFails("-q and -e quiet/--quiet cannot be provided simultaneously", false, "-e", "quiet=none", "-q",
                "true");
    }

    @Test
    void deprecatedAndIneffectiveOptionsWarn() throws UsageException {
        Options f = parse("-F", "true");
        assertTrue(f.followForks());
        assertEquals(List.of("option -F is deprecated, please use -f/--follow-forks instead"), f.warnings());
        assertEquals(List.of("deprecated option -F ignored"), parse("-F", "-f", "true").warnings());
        assertEquals(List.of("--output-separately has no effect without -o/--output"),
                parse("--output-separately", "true").warnings());
        assertEquals(List.of(), parse("-ff", "true").warnings());
    }

    // ---- -t, -r, -T, -n, -i ----

    private Timing timing(String... args) throws UsageException {
        List<String> withCommand = new ArrayList<>(List.of(args));
        withCommand.add("true");
        return parse(withCommand.toArray(String[]::new)).timing();
    }

    private static Timing absolute(Timing.Absolute format, int digits) {
        return new Timing(format, digits, -1, -1);
    }

    @Test
    void shortTimestampsCount() throws UsageException {
        assertEquals(Timing.NONE, timing());
        assertEquals(absolute(Timing.Absolute.TIME, 0), timing("-t"));
        assertEquals(absolute(Timing.Absolute.TIME, 6), timing("-tt"));
        assertEquals(absolute(Timing.Absolute.UNIX, 6), timing("-ttt"));
        assertEquals(absolute(Timing.Absolute.UNIX, 6), timing("-t", "-t", "-t", "-t"));
        assertEquals(absolute(Timing.Absolute.TIME, 6), timing("-t", "-t"));
    }

    @Test
    void absoluteTimestampsTakeAFormatAndAPrecision() throws UsageException {
        assertEquals(absolute(Timing.Absolute.TIME, 0), timing("--absolute-timestamps"));
        assertEquals(absolute(Timing.Absolute.TIME, 0), timing("--timestamps"));
        assertEquals(absolute(Timing.Absolute.TIME, 0), timing("--absolute-timestamps="));
        assertEquals(absolute(Timing.Absolute.UNIX, 9), timing("--absolute-timestamps=format:unix,precision:ns"));
        assertEquals(absolute(Timing.Absolute.UNIX, 3), timing("--timestamps=UNIX,Ms"));
        assertEquals(absolute(Timing.Absolute.TIME, 3), timing("--timestamps=FORMAT:time,PRECISION:ms"));
        assertEquals(absolute(Timing.Absolute.TIME, 0), timing("--timestamps=precision:s"));
        assertEquals(absolute(Timing.Absolute.TIME, 6), timing("--abs=,,us,,"));
        assertEquals(Timing.NONE, timing("--timestamps=none"));
        assertEquals(new Timing(Timing.Absolute.NONE, 9, -1, -1), timing("--timestamps=none,ns"));
        // Each one changes only what it names; the last of each wins.
        assertEquals(absolute(Timing.Absolute.UNIX, 3), timing("--timestamps=ms", "--timestamps=unix"));
        assertEquals(absolute(Timing.Absolute.UNIX, 9), timing("--timestamps=unix,ms", "--timestamps=ns"));
        assertEquals(absolute(Timing.Absolute.TIME, 3), timing("--timestamps=unix,ns", "--timestamps=time,ms"));
        // "none" is strace's "not set": a later argument without a format turns the time back on.
        assertEquals(absolute(Timing.Absolute.TIME, 3), timing("--timestamps=none", "--timestamps=ms"));
        // Without an argument it means format:time, whatever came before.
        assertEquals(absolute(Timing.Absolute.TIME, 3), timing("--timestamps=unix,ms", "--timestamps"));
    }

    @Test
    void absoluteTimestampsRefuseWhatIsNeitherAFormatNorAPrecision() {
        assertFails("invalid --absolute-timestamps argument: 'bogus'", true, "--absolute-timestamps=bogus", "true");
        assertFails("invalid --timestamps argument: 'unix,bogus'", true, "--timestamps=unix,bogus", "true");
        assertFails("invalid --absolute-timestamps argument: 'format:ms'", true, "--abs=format:ms", "true");
        assertFails("invalid --timestamps argument: 'precision:unix'", true, "--timestamps=precision:unix", "true");
        assertFails("invalid --timestamps argument: 'format:'", true, "--timestamps=format:", "true");
        assertFails("invalid --timestamps argument: 'precision:'", true, "--timestamps=precision:", "true");
        assertFails("invalid --timestamps argument: 'format=unix'", true, "--timestamps=format=unix", "true");
        assertFails("invalid --timestamps argument: 'µs'", true, "--timestamps=µs", "true");
        // Refused as soon as it is read: an earlier option's mistake wins, a later one's does not.
        assertFails("invalid --timestamps argument: 'x'", true, "--timestamps=x", "-s", "x", "true");
        assertFails("invalid -s argument: 'x'", true, "-s", "x", "--timestamps=x", "true");
    }

    @Test
    void shortAndLongTimestampsConflict() {
        assertFails("-t and --absolute-timestamps cannot be provided simultaneously", false,
                "-t", "--absolute-timestamps", "true");
        assertFails("-t and --absolute-timestamps cannot be provided simultaneously", false,
                "--timestamps=unix", "-ttt", "true");
        // After the options, "must have PROG" is checked first.
        assertFails("must have PROG [ARGS] or -p PID", true, "-t", "--timestamps");
    }

    @Test
    void relativeTimestampsAndSyscallTimesTakeAPrecision() throws UsageException {
        assertEquals(new Timing(Timing.Absolute.NONE, 0, 6, -1), timing("-r"));
        assertEquals(new Timing(Timing.Absolute.NONE, 0, 6, -1), timing("--relative-timestamps"));
        assertEquals(new Timing(Timing.Absolute.NONE, 0, 0, -1), timing("--relative-timestamps=s"));
        assertEquals(new Timing(Timing.Absolute.NONE, 0, 9, -1), timing("--relative-timestamps=NS"));
        assertEquals(new Timing(Timing.Absolute.NONE, 0, -1, 6), timing("-T"));
        assertEquals(new Timing(Timing.Absolute.NONE, 0, -1, 3), timing("--syscall-times=ms"));
        assertEquals(new Timing(Timing.Absolute.NONE, 0, -1, 6), timing("--syscall-times=us"));
        // Each occurrence starts again from microseconds.
        assertEquals(new Timing(Timing.Absolute.NONE, 0, -1, 6), timing("--syscall-times=ns", "-T"));
        assertEquals(new Timing(Timing.Absolute.UNIX, 9, 3, 0),
                timing("--timestamps=unix,ns", "--relative-timestamps=ms", "--syscall-times=s"));
    }

    @Test
    void relativeTimestampsAndSyscallTimesRefuseOtherPrecisions() {
        assertFails("invalid --relative-timestamps argument: ''", true, "--relative-timestamps=", "true");
        assertFails("invalid --relative-timestamps argument: 'sec'", true, "--relative=sec", "true");
        assertFails("invalid --syscall-times argument: ''", true, "--syscall-times=", "true");
        assertFails("invalid --syscall-times argument: 'precision:ms'", true, "--syscall-times=precision:ms", "true");
        // The short forms take no argument: what follows is the command.
        assertFails("invalid option -- '1'", true, "-r1", "true");
    }

    @Test
    void syscallNumberAndInstructionPointer() throws UsageException {
        Options o = parse("true");
        assertFalse(o.syscallNumber());
        assertFalse(o.instructionPointer());
        Options n = parse("-n", "true");
        assertTrue(n.syscallNumber());
        assertFalse(n.instructionPointer());
        Options i = parse("--instruction-pointer", "--syscall-number", "true");
        assertTrue(i.syscallNumber());
        assertTrue(i.instructionPointer());
        assertTrue(parse("-in", "true").instructionPointer());
        assertFails("option '--syscall-number' doesn't allow an argument", true, "--syscall-number=1", "true");
        assertFails("option '--instruction-pointer' doesn't allow an argument", true, "--instr=1", "true");
    }

    // ---- differential: the same command line given to /usr/bin/strace ----

    /** How strace reacted to a command line: its first message (prefix stripped), and whether it said "Try". */
    private record StraceReply(int exitCode, List<String> messages, boolean tryHelp) {}

    private static StraceReply runStrace(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("jtrace-optparse", ".stderr");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("strace did not finish: " + command);
            }
            List<String> messages = new ArrayList<>();
            boolean tryHelp = false;
            for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
                if (line.equals(STRACE_TRY_HELP)) {
                    tryHelp = true;
                } else if (line.startsWith(STRACE_PREFIX)) {
                    messages.add(line.substring(STRACE_PREFIX.length()));
                }
            }
            return new StraceReply(process.exitValue(), messages, tryHelp);
        } finally {
            Files.delete(stderr);
        }
    }

    private static StraceReply runStrace(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(STRACE.toString()));
        command.addAll(List.of(args));
        return runStrace(command);
    }

    static Stream<List<String>> refusedCommandLines() {
        return Stream.of(
                List.of("-W"), List.of("-:"), List.of("-j", "/bin/true"),
                List.of("--foo"), List.of("--foo=1", "/bin/true"), List.of("---", "x"),
                List.of("--o", "/bin/true"), List.of("--out=/dev/null", "/bin/true"), List.of("--s", "10", "/bin/true"),
                List.of("--tr=x", "/bin/true"), List.of("--=foo", "/bin/true"), List.of("--d"),
                List.of("-s"), List.of("-e"), List.of("-fe"), List.of("--col"), List.of("--string-limit"),
                List.of("--attach"), List.of("--trace"), List.of("--output"),
                List.of("--help=1"), List.of("--hel=1"), List.of("--vers=x"), List.of("--follow-forks=yes", "/bin/true"),
                List.of("-s", "abc", "/bin/true"), List.of("-s", "-1", "/bin/true"),
                List.of("-s", "1073741824", "/bin/true"), List.of("-s", "5x", "/bin/true"), List.of("-s", "", "/bin/true"),
                List.of("-a", "abc", "/bin/true"), List.of("-a", "-1", "/bin/true"),
                List.of("-a", "2147483648", "/bin/true"),
                List.of("--col=abc", "/bin/true"), List.of("--string-l=abc", "/bin/true"),
                List.of("-p", "0"), List.of("-p", "abc"), List.of("-p", "-1"), List.of("-p", "1,x"),
                List.of("-p", "1,,2"), List.of("-p", " 1"), List.of("-p", "2147483648"), List.of("-p", "4194305x"),
                List.of("--attach=0"), List.of("--attach= 5"),
                List.of("-e", "trace=foo", "/bin/true"), List.of("-e", "foo", "/bin/true"),
                List.of("-e", "trace=", "/bin/true"), List.of("-e", "trace=!", "/bin/true"),
                List.of("-e", "trace=,,", "/bin/true"), List.of("-e", "trace=!,,", "/bin/true"),
                List.of("-e", "trace=open,bogus", "/bin/true"), List.of("-e", "trace=!open,bogus", "/bin/true"),
                List.of("-e", "trace=open,none", "/bin/true"), List.of("-e", "trace=%bogus", "/bin/true"),
                List.of("-e", "trace=%%bogus", "/bin/true"), List.of("-e", "trace=%", "/bin/true"),
                List.of("-e", "trace=OPEN", "/bin/true"), List.of("-e", "trace=open ", "/bin/true"),
                List.of("-e", "trace=1x", "/bin/true"), List.of("-e", "trace=bogus@64", "/bin/true"),
                List.of("-e", "bogus=x", "/bin/true"), List.of("--trace=", "/bin/true"),
                List.of("-e", "trace=foo@bar", "/bin/true"), List.of("-e", "trace=?foo@bar", "/bin/true"),
                List.of("-e", "trace=%file@bar", "/bin/true"), List.of("-e", "trace=/x@bar", "/bin/true"),
                List.of("-e", "trace=1@bar", "/bin/true"), List.of("-e", "trace=open@", "/bin/true"),
                List.of("-e", "@@@", "/bin/true"),
                List.of("-e", "quiet=foo", "/bin/true"), List.of("-e", "quiet=attach,foo", "/bin/true"),
                List.of("-e", "quiet=", "/bin/true"), List.of("-e", "quiet=ALL", "/bin/true"),
                List.of("-e", "quiet=all,exit", "/bin/true"), List.of("-e", "quiet=!", "/bin/true"),
                List.of("--quiet=foo", "-q"),
                List.of(), List.of("-f"), List.of("-f", "--follow-forks"), List.of("-q", "--quiet"),
                List.of("-ff", "--output-separately"), List.of("-p", ""),
                List.of("-f", "--follow-forks", "/bin/true"), List.of("-ff", "--output-separately", "/bin/true"),
                List.of("-q", "--quiet", "/bin/true"), List.of("-e", "quiet=none", "-q", "/bin/true"),
                List.of("-f", "--follow-forks", "-q", "--quiet", "/bin/true"),
                List.of("-W", "-h"), List.of("-V", "-W"), List.of("-V", "-p", "0"), List.of("-p", "0", "-V"),
                List.of("-e", "trace=none", "-p", "0", "-W"), List.of("-c", "-W"), List.of("-c"),
                List.of("-c", "--foo"), List.of("-e", "signal=SIGINT"),
                List.of("-e", "signal=SIGFOO", "/bin/true"), List.of("-e", "signal=", "/bin/true"),
                List.of("--signal=INT,256", "/bin/true"), List.of("-e", "signal=!,", "/bin/true"),
                List.of("-e", "quiet=personality,foo", "/bin/true"),
                List.of("-D", "-p", "1"), List.of("-DDDD", "/bin/true"), List.of("-D", "--daemonize", "/bin/true"),
                List.of("--daemonize=x", "/bin/true"), List.of("--daemonise=pgrp", "-D", "/bin/true"),
                List.of("--tips=bogus", "/bin/true"), List.of("--tips=id:x", "/bin/true"),
                List.of("--tips=format:random", "/bin/true"), List.of("--secontext", "/bin/true"),
                List.of("-e", "secontext=full", "/bin/true"), List.of("--secontext=mismatch", "-c"),
                List.of("-e", "raw=nosuchcall", "/bin/true"), List.of("-e", "abbrev=%nosuch", "/bin/true"),
                List.of("-e", "verbose=nosuchcall", "/bin/true"), List.of("--verbose=", "/bin/true"),
                List.of("--raw=!", "/bin/true"),
                List.of("--strings-in-hex=al"), List.of("--strings-in-hex=non-asci", "/bin/true"),
                List.of("-q", "--quiet", "-P", "///", "-P/.", "."),
                List.of("-x", "--strings-in-hex", "-p", "1"), List.of("--strings-in-hex=none", "-p", "1", "-xx"),
                List.of("--decode-fds=path,all"), List.of("--decode-fds=,", "/bin/true"),
                List.of("-e", "decode-fds=!!", "/bin/true"),
                List.of("-e", "kvm=chdir", "/bin/true"), List.of("--kvm=", "/bin/true"),
                List.of("-P", "/.", "-e", "quiet=path-resolution", "-P", "//", "-q", "-e", "quiet=none", "."),
                List.of("-e", "x=", "/bin/true"),
                List.of("-b", "open", "/bin/true"), List.of("--detach-on=", "/bin/true"), List.of("-I", "0", "/bin/true"),
                List.of("-I", "5", "/bin/true"), List.of("--interruptible=nev", "/bin/true"), List.of("-Ix", "/bin/true"),
                List.of("-t", "--absolute-timestamps", "/bin/true"), List.of("--timestamps=unix", "-ttt", "/bin/true"),
                List.of("-t", "--timestamps"), List.of("--absolute-timestamps=bogus", "/bin/true"),
                List.of("--timestamps=unix,bogus", "/bin/true"), List.of("--abs=format:ms", "/bin/true"),
                List.of("--timestamps=precision:unix", "/bin/true"), List.of("--timestamps=format:", "/bin/true"),
                List.of("--timestamps=precision:", "/bin/true"), List.of("--timestamps=format=unix", "/bin/true"),
                List.of("--timestamps=x", "-s", "x", "/bin/true"), List.of("-s", "x", "--timestamps=x", "/bin/true"),
                List.of("--relative-timestamps=", "/bin/true"), List.of("--relative=sec", "/bin/true"),
                List.of("--syscall-times=", "/bin/true"), List.of("--syscall-times=precision:ms", "/bin/true"),
                List.of("-r1", "/bin/true"), List.of("--syscall-number=1", "/bin/true"),
                List.of("--instr=1", "/bin/true"),
                List.of("-c", "-C", "/bin/true"), List.of("-C", "-c"), List.of("--summary-only", "--summary"),
                List.of("-c", "-ff", "/bin/true"), List.of("-C", "--output-separately", "/bin/true"),
                List.of("-C", "-ff", "-o", "/dev/null", "/bin/true"),
                List.of("-O", "x"), List.of("-O", ""), List.of("-O", "-1"), List.of("-O", "1m"), List.of("-O", "1e"),
                List.of("-O", "1x"), List.of("-O", "1e400"), List.of("-O", " -5"), List.of("-O", "1.5xs"),
                List.of("-O", "e5"), List.of("-O", "-inf"), List.of("-O", "+inf"), List.of("-O", "1 s"),
                List.of("--summary-syscall-overhead=abc"), List.of("--summary-sys", "1h"),
                List.of("-S", "bogus"), List.of("--summary-sort-by=Calls"), List.of("-U", "bogus"),
                List.of("-U", "none"), List.of("-U", "calls,calls"), List.of("-U", "calls,"), List.of("-U", ""),
                List.of("-U", "time,calls,count,name"), List.of("-w", "/bin/true"),
                List.of("-U", "calls", "/bin/true"), List.of("-c", "-w", "-U", "nothing", "/bin/true"),
                List.of("--seccomp-bpf", "-w", "/"), List.of("--seccomp-bpf", "-f", "-p", "1", "-w"),
                List.of("-F", "-w", "/"), List.of("-fF", "-w", "/"), List.of("-S", "calls", "-U", "calls", "/"),
                List.of("-F", "-c", "-ff", "/"));
    }

    /**
     * Expressions regcomp refuses, with each of its complaints an ERE can earn, and expressions it takes
     * that select no call; strace splits the set at commas first, so {@code x{2,1}} is {@code x{2}.
     * None of these matches a name in strace's other personalities' tables either, which jtrace does not
     * have: strace accepts {@code [[:digit:]]_} (i386's fadvise64_64) and {@code \W}, where jtrace finds no call.
     */
    static Stream<String> refusedRegexes() {
        return Stream.of("[", "[^", "[]", "[^]", "[a", "[[:alpha:", "[[:]", "[[.a.]", "[[:foo:]]", "[[:ALPHA:]]",
                "[[::]]", "[[:" + "a".repeat(32) + ":]]", "[[.hyphen.]]", "[[..]]", "[[=ab=]]", "[[.é.]]", "[é-z]",
                "[z-é]", "[b-a]", "[z--]", "[a-b-c]", "[[:alpha:]-z]", "[a-[:alpha:]]", "[[=a=]-z]", "[a-[.-.]]",
                "(", "(a", "((a)", "(a|", "a{", "a{1", "x{2,1}", "a{,2}", "a{}", "a{x}", "a{1a}", "a{{}", "a{99999}",
                "a{32768}", "a{99999", "*", "+x", "?", "{1}", "{", "a|*", "(*)", "(|*)", "^*", "$*", "x\\<*", "\\b*",
                "\\", "a\\", "\\1", "(a)\\2", "(a\\1)", "(a)|\\1",
                // accepted, but no call's name matches
                "a)", ")", "}", "a{1}}", "\\(", "\\{", "a\\|b", "a^b", "a$b", "^$", "^(a*)*$", "[[.-.]]", "a{32767}",
                "(a)(b)\\2", "\\é", "[[:upper:]]", "\\s", "\\bat", "^.{2}$", "_{2}");
    }

    @ParameterizedTest
    @MethodSource("refusedRegexes")
    void refusesRegexesWithStracesWords(String ere) throws Exception {
        refusesWithStracesWords(List.of("-e", "trace=/" + ere, "/bin/true"));
    }

    @Test
    void refusesRegexesOfEveryCallSetWithStracesWords() throws Exception {
        for (List<String> args : List.of(List.of("-e", "abbrev=/[", "/bin/true"), List.of("-e", "verbose=/(", "/bin/true"),
                List.of("-e", "raw=/*", "/bin/true"), List.of("--raw=/a{", "/bin/true"),
                List.of("-e", "trace=open,/[[:foo:]]", "/bin/true"), List.of("-e", "trace=!/a{1a}", "/bin/true"))) {
            refusesWithStracesWords(args);
        }
    }

    /** Expressions that select calls, some of each kind of ERE syntax. */
    static Stream<String> selectingRegexes() {
        return Stream.of("^open", "at$", "^(open|close)$", "^[[:alpha:]]+$", "[[:digit:]]", "^[^aeiou]{3}$", "[]_]",
                "[a-]x", "x[-a]", "\\_", "^.{4}$", "e{2}", "(ab|b)+", "p+?r", "e**", "(a|)\\1x", "(.)\\1",
                "^(..).*\\1$", "(a){0}b", "\\<get", "id\\>", "e\\B", "\\S+64$", "\\`r", "d\\'", "^", "$", "x|",
                "|x", "(|x)", "[[.a.]-[.c.]]x", "[[=e=]]", "[[:punct:]]", "[[:xdigit:]]{4}",
                "[[:alnum:]]_[[:lower:]]", "(^a|b$)", "x*?", ".", "[^[:lower:]_]", "^[[:lower:]]+[[:digit:]]+$",
                "^_", "a{1}}?", "[[:alpha:]-]", "u{0}", "(((((((((s)))))))))\\9", "[\\]?id$", "[!--]?64");
    }

    @ParameterizedTest
    @MethodSource("selectingRegexes")
    void regexSelectsWhatGrepSelects(String ere) throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "needs " + STRACE);
        assumeTrue(Files.isExecutable(GREP), "needs " + GREP);
        StraceReply strace = runStrace("-e", "trace=/" + ere, "-o", "/dev/null", "/bin/true");
        assertEquals(0, strace.exitCode(), () -> "strace refused " + ere + ": " + strace.messages());
        assertEquals(grepNames(ere), parse("-e", "trace=/" + ere, "true").traceNames(), ere);
    }

    /** The names of the calls strace knows that grep -E, with glibc's regex as strace's, selects by {@code ere}. */
    private static Set<String> grepNames(String ere) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (SyscallDef d : SyscallTable.x86_64().all()) {
            if (d.knownToStrace61()) {
                names.add(d.name());
            }
        }
        Path input = Files.createTempFile("jtrace-regex", ".names");
        try {
            Files.write(input, names, StandardCharsets.UTF_8);
            Process grep = new ProcessBuilder(GREP.toString(), "-E", "-e", ere, input.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(grep.waitFor(20, TimeUnit.SECONDS), "grep finished");
            assertEquals(0, grep.exitValue(), () -> "grep selected nothing or refused " + ere);
            return new LinkedHashSet<>(out.lines().toList());
        } finally {
            Files.delete(input);
        }
    }

    @ParameterizedTest
    @MethodSource("refusedCommandLines")
    void refusesWithStracesWords(List<String> args) throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "needs " + STRACE);
        StraceReply strace = runStrace(args.toArray(String[]::new));
        assertEquals(1, strace.exitCode(), "strace accepted " + args);
        UsageException ours = failure(args.toArray(String[]::new));
        List<String> oursAll = new ArrayList<>(ours.warningsBefore());
        oursAll.add(ours.getMessage());
        assertAll(
                () -> assertEquals(strace.messages(), oursAll, "warnings, then the error"),
                () -> assertEquals(strace.tryHelp(), ours.tryHelp(), "tryHelp"));
    }

    @Test
    void refusesToTraceItselfLikeStrace() throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "needs " + STRACE);
        // exec keeps the shell's pid, so $$ is strace's own pid.
        StraceReply strace = runStrace(List.of("/bin/sh", "-c", "exec " + STRACE + " -p 1,$$"));
        UsageException ours = failure("-p", "1," + TRACER_PID);
        assertEquals(strace.messages(), List.of(ours.getMessage()));
        assertEquals(strace.tryHelp(), ours.tryHelp());
    }

    static Stream<List<String>> acceptedCommandLines() {
        return Stream.of(
                List.of("-s", " 5"), List.of("-s", "+5"), List.of("-s", "-0"),
                List.of("-s80", "-a60"), List.of("--sil"), List.of("--quiet"), List.of("-qqqq"),
                List.of("--string-l=5", "--col", "60"), List.of("--foll", "--output=/dev/null"),
                List.of("-e", "trace=?bogus"), List.of("-e", "trace=?"), List.of("-e", "trace=open,,close"),
                List.of("-e", "trace=!!none"), List.of("-e", "t=open,all"),
                List.of("-e", "quiet=Exit,attach,personality"), List.of("-e", "q=!none"),
                List.of("-F"), List.of("-FF"), List.of("-F", "-f"), List.of("-F", "--follow-forks"), List.of("-ff"),
                List.of("--output-separately"), List.of("-f", "--output-separately"),
                List.of("--follow-forks", "--output-separately"), List.of("-F", "--output-separately"),
                List.of("-o", "/dev/null", "--output-separately"),
                List.of("-t"), List.of("-tt"), List.of("-tttt"), List.of("--timestamps="), List.of("--abs=,,us,,"),
                List.of("--timestamps=UNIX,Ms"), List.of("--timestamps=none", "--timestamps=ms"),
                List.of("--absolute-timestamps=format:unix,precision:ns"), List.of("-r", "--relative-timestamps=NS"),
                List.of("-T", "--syscall-times=s"), List.of("-in", "--syscall-number", "--instruction-pointer"),
                List.of("-c"), List.of("-C"), List.of("-c", "-c"), List.of("-c", "-y"), List.of("-c", "-yy"),
                List.of("-C", "-y"), List.of("-c", "--decode-fds=none"), List.of("-S", "calls"),
                List.of("-c", "-O", "1"), List.of("-c", "-O", "4.5e2ms"), List.of("-c", "-O", " 5"),
                List.of("-c", "-O", "+5us"), List.of("-c", "-O", "-0"), List.of("-c", "-O", ".5"),
                List.of("-c", "-w", "-S", "none"), List.of("-c", "-U", "name"), List.of("-C", "-U", "calls,errors"),
                List.of("-c", "-f", "-S", "nothing"), List.of("-O", "1"),
                List.of("-z", "-Z", "-F", "-A"), List.of("-c", "-y", "-z", "-Z", "-A"),
                List.of("--strings-in-hex=Non-ASCII"), List.of("--quiet=exits,Superseded"),
                List.of("-P", "/.", "-e", "quiet=path-resolution", "-P", "//"), List.of("-qqq", "-P", "/tmp/.."),
                List.of("--decode-fds=PATH,Dev"), List.of("--decode-fds=!path"), List.of("-e", "decode-fds=!none"));
    }

    @ParameterizedTest
    @MethodSource("acceptedCommandLines")
    void acceptsAndWarnsLikeStrace(List<String> args) throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "needs " + STRACE);
        List<String> withCommand = new ArrayList<>(args);
        withCommand.add("/bin/true");
        StraceReply strace = runStrace(withCommand.toArray(String[]::new));
        assertEquals(0, strace.exitCode(), () -> "strace refused " + args + ": " + strace.messages());
        Options ours = parse(withCommand.toArray(String[]::new));
        assertEquals(strace.messages(), ours.warnings());
    }

    @Test
    void helpTextDiffersFromStracesOnlyInNamingJtrace() throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "needs " + STRACE);
        Process process = new ProcessBuilder(STRACE.toString(), "-h").redirectErrorStream(true).start();
        String strace = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        String expected = strace
                .replace("Usage: strace ", "Usage: jtrace ")
                .replace("   or: strace ", "   or: jtrace ")
                .replace("'strace -o FILE PROG'", "'jtrace -o FILE PROG'")
                .replace("strace's namespace", "jtrace's namespace");
        String ours = OptionParser.helpText();
        assertEquals(expected, ours.substring(0, expected.length()));
        assertTrue(ours.substring(expected.length()).startsWith("\njtrace implements these options"));
    }
}
