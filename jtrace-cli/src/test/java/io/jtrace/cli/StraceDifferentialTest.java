package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same program traced by /usr/bin/strace and by jtrace with the same options: the outputs must
 * be identical once addresses and pids are masked. Only calls whose arguments jtrace already prints
 * as strace does are selected with -e trace (flags and structures are printed raw for now).
 */
class StraceDifferentialTest {
    private static final String CALLS = "trace=execve,getpid,write,chdir,unlink,rmdir,close,read,exit_group";

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    private static void assertSameTrace(List<String> args) {
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(Runs.mask(strace.stderr()), Runs.mask(jtrace.stderr()), "trace of " + args);
        assertEquals(strace.stdout(), jtrace.stdout(), "the program's own output");
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    private static List<String> args(String... a) {
        return List.of(a);
    }

    @Test
    void integersStringsPathsBuffersAndErrors() {
        assertSameTrace(args("-e", CALLS, Fixtures.path("calls").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "5", "40", "100"})
    void stringLimit(String limit) {
        assertSameTrace(args("-s", limit, "-e", CALLS, Fixtures.path("calls").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "60"})
    void alignmentColumn(String column) {
        assertSameTrace(args("-a" + column, "-e", CALLS, Fixtures.path("calls").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", "-xx", "--strings-in-hex=non-ascii-chars", "--strings-in-hex=none"})
    void stringsInHex(String option) {
        assertSameTrace(args(option, "-e", CALLS, Fixtures.path("calls").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--decode-fds=path", "--decode-fds=none"})
    void descriptorsWithTheirPaths(String option) {
        assertSameTrace(args(option, "-e", "trace=openat,close,read,newfstatat,fstat,lseek,fadvise64",
                "/bin/cat", "/etc/hostname"));
    }

    /** Calls selected by class, number, regular expression and negation, as strace selects them. */
    @ParameterizedTest
    @ValueSource(strings = {"trace=%file", "trace=%desc", "trace=%memory", "trace=%process,%signal",
            "trace=%%stat", "trace=%pure", "trace=%creds,%clock", "trace=/^(open|close)", "trace=2,257,3",
            "trace=!%memory,%desc,%file,%process,%pure,set_tid_address,getrandom", "trace=?nosuchcall,%net", "trace=!!%file", "trace=desc"})
    void selectionsBeyondNames(String selection) {
        assertSameTrace(args("-e", selection, Fixtures.path("calls").toString()));
        assertSameTrace(args("-e", selection, "/bin/cat", "/etc/hostname"));
    }

    /**
     * -z, -Z and -e status=: a call's line is printed whole when it ends, if its status is one
     * asked for, as strace stages it, its pid prefix as it was due at entry.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-Z", "--failed-only", "-e status=failed", "-e status=!successful",
            "-e status=failed,unfinished", "-e status=unfinished", "-e status=none", "-Z -z", "-z -Z"})
    void statusFilters(String options) {
        List<String> opts = List.of(options.split(" "));
        List<String> cat = new java.util.ArrayList<>(opts);
        // Leaving out the calls whose results differ from run to run (a tid, random bytes).
        cat.addAll(List.of("-e", "trace=!set_tid_address,getrandom", "/bin/cat", "/nonexistent", "/etc/hostname"));
        assertSameTrace(args(cat.toArray(String[]::new)));
        // The calls fixture too: every kind of call, failing and not, and no child whose SIGCHLD
        // could come before or after its parent's wait4 line depending on who runs first.
        List<String> calls = new java.util.ArrayList<>(opts);
        calls.addAll(List.of("-e", CALLS, Fixtures.path("calls").toString()));
        assertSameTrace(args(calls.toArray(String[]::new)));
    }

    @Test
    void successfulOnly() {
        assertSameTrace(args("-z", "-e", "trace=openat,close,read,write,exit_group", "/bin/cat", "/nonexistent",
                "/etc/hostname"));
        assertSameTrace(args("--successful-only", "-e", "trace=%file", "/bin/cat", "/nonexistent"));
    }

    /** rt_sigreturn shows the mask it restores, read from the signal frame on the tracee's stack. */
    @Test
    void signalReturnShowsTheRestoredMask() {
        assertSameTrace(args("-e", "trace=rt_sigreturn", "sh", "-c", "trap : USR1; kill -USR1 $$; echo done"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose", "-Xabbrev", "--const-print-style=raw"})
    void constantPrintStyles(String option) {
        assertSameTrace(args(option, "-e", "trace=openat,access,mmap,mprotect,newfstatat,close", "/bin/true"));
    }

    @Test
    void quietLevels() {
        assertSameTrace(args("-qq", "-e", CALLS, Fixtures.path("calls").toString()));
    }

    /** Each kind on its own: exit alone, and every kind but exit. */
    @Test
    void quietKinds() {
        assertSameTrace(args("-e", "quiet=exit", "-e", "trace=exit_group", "sh", "-c", "exit 3"));
        assertSameTrace(args("--quiet=!exit", "-e", "trace=exit_group", "sh", "-c", "exit 3"));
        assertSameTrace(args("-e", "quiet=attach,exit", "-f", "-e", "trace=exit_group", "sh", "-c", "/bin/true; exit 3"));
    }

    /**
     * -P: the calls whose path or descriptor arguments name the file, through a symbolic link
     * (strace says what it resolved it into), a relative name, a descriptor inherited across exec.
     */
    @ParameterizedTest
    @ValueSource(strings = {"target", "link", "relative", "/dev/null"})
    void tracePaths(String which, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path target = dir.resolve("target");
        java.nio.file.Files.writeString(target, "data\n");
        java.nio.file.Files.createSymbolicLink(dir.resolve("link"), target);
        String path = switch (which) {
            case "target" -> target.toString();
            case "link" -> dir.resolve("link").toString();
            case "relative" -> java.nio.file.Path.of("").toAbsolutePath().relativize(target).toString();
            default -> which;
        };
        String script = "exec 3<" + dir.resolve("link") + "; cat <&3 >/dev/null; cat " + target
                + " >/dev/null; : >" + target;
        // The script empties the file: each run starts with its content back.
        Runnable refill = () -> {
            try {
                java.nio.file.Files.writeString(target, "data\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Runs.assertSameTrace(args("-f", "-P", path, "sh", "-c", script), Runs::mask, refill);
        Runs.assertSameTrace(args("--trace-path=" + path, "-P", "/nonexistent", "cat", target.toString(), "/dev/null"),
                Runs::mask, refill);
    }

    /**
     * -u: the command runs with the user's ids and groups (as root; otherwise both refuse alike);
     * an unknown user is refused before anything starts.
     */
    @Test
    void runAsAnotherUser() {
        assertSameTrace(args("-u", "nobody", "-e", "trace=execve,getuid,geteuid,getgroups", "id"));
        assertSameTrace(args("--user=daemon", "-f", "-e", "trace=%creds", "-e", "signal=none", "sh", "-c", "id -G"));
        assertSameTrace(args("-u", "no-such-user-here", "/bin/true"));
    }

    /** -e raw= prints some calls undecoded; -e abbrev= leaves some calls unabbreviated, as -v does all. */
    @ParameterizedTest
    @ValueSource(strings = {"raw=openat,read", "raw=all", "x=!close", "abbrev=none", "abbrev=execve",
            "a=!execve", "abbrev=all"})
    void rawAndAbbreviatedCalls(String qualifier) {
        // Not newfstatat: cat's of its stdout, the test's capture file, shows times of this run.
        assertSameTrace(args("-e", qualifier, "-e", "trace=execve,openat,read,close", "cat", "/etc/hostname", "/nonexistent"));
    }

    /**
     * -e verbose= leaving calls out: execve's argv and envp, stat buffers and directory entries are
     * shown as addresses; -v and -e abbrev= still apply to the others.
     */
    @ParameterizedTest
    @ValueSource(strings = {"verbose=none", "verbose=!execve", "verbose=getdents64", "v=%stat"})
    void callsNotVerbose(String qualifier) {
        // No stat calls with ls: one of them is of its stdout, the test's capture file, with this run's times.
        assertSameTrace(args("-e", qualifier, "-e", "trace=execve,getdents64,openat,close", "ls", "-a", "/"));
        assertSameTrace(args("-v", "-e", qualifier, "-e", "trace=execve,newfstatat,fstat", "/bin/true"));
    }

    @Test
    void verboseThenAbbrev() {
        assertSameTrace(args("-v", "-e", "abbrev=newfstatat", "-e", "trace=execve,newfstatat", "/bin/true"));
    }

    /** -b execve: each process is let go at its execve, the command's own first one excepted. */
    @Test
    void detachOnExecve() {
        assertSameTrace(args("-f", "-b", "execve", "-e", "trace=execve", "sh", "-c", "/bin/true; exec /bin/false"));
        assertSameTrace(args("--detach-on=execve", "-e", "trace=execve,exit_group", "/bin/true"));
        assertSameTrace(args("--seccomp-bpf", "-f", "-b", "execve", "-e", "trace=execve", "sh", "-c", "/bin/true"));
    }

    /** -e signal= leaves out the deliveries, stops and deaths of the signals it does not name. */
    @ParameterizedTest
    @ValueSource(strings = {"signal=none", "signal=!SIGTERM", "signal=SIGCHLD", "signals=term", "s=all"})
    void signalSets(String qualifier) {
        assertSameTrace(args("-f", "-e", qualifier, "-e", "trace=exit_group", "sh", "-c", "/bin/true; kill -TERM $$"));
    }

    @Test
    void realProgramsStartAndEndTheSame() {
        assertSameTrace(args("-e", "trace=execve,brk,exit_group", "/bin/true"));
        assertSameTrace(args("-e", "trace=execve,exit_group", "/bin/false"));
        assertSameTrace(args("-e", "trace=execve,write,exit_group", "/bin/echo", "a", "b c", "\"quoted\"\n"));
        assertSameTrace(args("-e", "trace=exit_group", "sh", "-c", "exit 3"));
    }

    /** argv is cut after -s elements unless -v, which also prints the environment in full. */
    @Test
    void argumentsAndEnvironmentOfExecve() {
        assertSameTrace(args("-s", "1", "-e", "trace=execve", "/bin/echo", "a", "b", "c"));
        assertSameTrace(args("-v", "-s", "1", "-e", "trace=execve", "/bin/echo", "a", "b", "c"));
        assertSameTrace(args("-v", "-e", "trace=execve", "/bin/true"));
    }

    @Test
    void deathBySignalIsReportedAndMirrored() {
        assertSameTrace(args("-e", "trace=none", "sh", "-c", "kill -TERM $$"));
        assertSameTrace(args("-e", "trace=none", "sh", "-c", "kill -KILL $$"));
    }

    @Test
    void execFailure(@TempDir Path dir) throws IOException {
        Path notElf = dir.resolve("not-a-program");
        Files.writeString(notElf, "just text\n");
        assertTrue(notElf.toFile().setExecutable(true));
        assertSameTrace(args(notElf.toString()));
        assertSameTrace(args(dir.toString()));
    }

    @Test
    void outputFile(@TempDir Path dir) throws IOException {
        Path s = dir.resolve("strace.out");
        Path j = dir.resolve("jtrace.out");
        String fixture = Fixtures.path("calls").toString();
        Runs.Result sr = Runs.strace(args("-o", s.toString(), "-e", CALLS, fixture));
        Runs.Result jr = Runs.jtrace(args("-o", j.toString(), "-e", CALLS, fixture));
        assertEquals(sr.stderr(), jr.stderr());
        Runs.assertSameLines(Runs.mask(Files.readString(s)), Runs.mask(Files.readString(j)), "-o file");
        assertFalse(Files.readString(j).isEmpty());
    }

    /** -f -o FILE: every line starts with the pid; lines of each process in the same order. */
    @Test
    void followIntoOneFile(@TempDir Path dir) throws IOException {
        Path s = dir.resolve("strace.out");
        Path j = dir.resolve("jtrace.out");
        String fixture = Fixtures.path("fork_write").toString();
        Runs.strace(args("-f", "-o", s.toString(), "-e", "trace=write,exit_group", fixture));
        Runs.Result jr = Runs.jtrace(args("-f", "-o", j.toString(), "-e", "trace=write,exit_group", fixture));
        assertEquals(0, jr.exit());
        assertEquals(linesByPid(Files.readString(s)), linesByPid(Files.readString(j)));
    }

    /** -ff -o FILE: one file per process, FILE.PID. */
    @Test
    void followIntoFilePerProcess(@TempDir Path dir) throws IOException {
        String fixture = Fixtures.path("fork_write").toString();
        Path sd = Files.createDirectory(dir.resolve("s"));
        Path jd = Files.createDirectory(dir.resolve("j"));
        Runs.strace(args("-ff", "-o", sd.resolve("t").toString(), "-e", "trace=write,exit_group", fixture));
        Runs.Result jr = Runs.jtrace(args("-ff", "-o", jd.resolve("t").toString(), "-e", "trace=write,exit_group", fixture));
        assertEquals(0, jr.exit());
        List<String> strace = filesByPid(sd);
        List<String> jtrace = filesByPid(jd);
        assertEquals(2, jtrace.size(), "one file per process");
        assertEquals(strace, jtrace);
    }

    /** A thread inside read when another calls exit_group: {@code read(3,  <unfinished ...>) = ?}. */
    @Test
    void callsCutShortByTheProcessExiting(@TempDir Path dir) throws IOException {
        String fixture = Fixtures.path("thread_exit").toString();
        Path sd = Files.createDirectory(dir.resolve("s"));
        Path jd = Files.createDirectory(dir.resolve("j"));
        Runs.strace(args("-ff", "-o", sd.resolve("t").toString(), "-e", "trace=read,nanosleep,exit_group", fixture));
        Runs.jtrace(args("-ff", "-o", jd.resolve("t").toString(), "-e", "trace=read,nanosleep,exit_group", fixture));
        List<String> jtrace = filesByPid(jd);
        assertEquals(2, jtrace.size(), "one file per thread");
        assertEquals(filesByPid(sd), jtrace);
    }

    private static List<String> filesByPid(Path dir) throws IOException {
        Map<Integer, String> byPid = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                byPid.put(Integer.parseInt(name.substring(name.indexOf('.') + 1)), Runs.mask(Files.readString(f)));
            }
        }
        return new ArrayList<>(byPid.values());
    }

    private static List<List<String>> linesByPid(String trace) {
        Map<Integer, List<String>> byPid = new TreeMap<>();
        for (String line : trace.split("\n")) {
            int space = line.indexOf(' ');
            byPid.computeIfAbsent(Integer.parseInt(line.substring(0, space)), k -> new ArrayList<>())
                    .add(Runs.mask(line));
        }
        return new ArrayList<>(byPid.values());
    }
}
