package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -t, -r, -T, -n and -i against /usr/bin/strace: the same fixture traced by both, compared line by
 * line with each time reduced to its shape (every digit an N: widths, separators and precision
 * stay), and jtrace's own times checked for sense: never going backwards, -r agreeing with -t's
 * differences, -T covering a sleep. Both tracers run with address randomization off, so that the
 * instruction pointers -i prints are compared exactly (all but the first execve's, made by each
 * tracer's own code).
 */
class TimingOptionsTest {
    private static final String CALLS = "trace=execve,getpid,write,chdir,unlink,rmdir,close,read,exit_group";
    /** A signal delivered and returned from, and the shell's exit: signal and exit lines. */
    private static final List<String> SIGNAL = List.of("-e", "trace=kill,rt_sigreturn,exit_group",
            "/bin/sh", "-c", "trap : USR1; kill -USR1 $$; echo done");

    private static final String TIME = "(?:\\d\\d:\\d\\d:\\d\\d|\\d{10})(?:\\.\\d+)? ";
    private static final String RELATIVE = "(?:\\(\\+ *\\d+(?:\\.\\d+)?\\) | +\\d+(?:\\.\\d+)? )";
    /** A line: pid prefix, -t, -r, -n, -i, the rest, -T. */
    private static final Pattern LINE = Pattern.compile("^(\\[pid +\\d+\\] |\\d+ +)?(" + TIME + ")?(" + RELATIVE
            + ")?(\\[ *\\d+\\] )?(\\[[0-9a-f?]{16}\\] )?(.*?)( <\\d+(?:\\.\\d+)?>)?$");

    /** Whether {@code setarch -R} can turn address randomization off here. */
    private static boolean fixedAddresses;

    @BeforeAll
    static void addressRandomization() {
        try {
            fixedAddresses = Runs.run(List.of("setarch", "-R", "/bin/true")).exit() == 0;
        } catch (AssertionError noSetarch) {
            fixedAddresses = false;
        }
    }

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    /** The parts of one line of a trace. */
    private record Line(String pid, String time, String relative, String number, String ip, String body,
                        String duration) {
        static Line of(String line) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            return new Line(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7));
        }

        /** What must be the same in strace's trace and jtrace's. */
        String masked() {
            String ipShown = ip == null ? "" : ip.contains("?") ? ip
                    : !fixedAddresses || body.startsWith("execve(") ? "[IP] " : ip;
            return (pid == null ? "" : pid.startsWith("[") ? "[pid PID] " : "PID ") + shape(time) + shape(relative)
                    + (number == null ? "" : number) + ipShown + Runs.mask(body).replaceFirst("^kill\\(\\d+,", "kill(PID,")
                    + shape(duration);
        }
    }

    private static String shape(String time) {
        return time == null ? "" : time.replaceAll("\\d", "N");
    }

    private static List<Line> lines(String trace) {
        List<Line> lines = new ArrayList<>();
        for (String line : trace.split("\n")) {
            lines.add(Line.of(line));
        }
        return lines;
    }

    private static String masked(String trace) {
        StringBuilder b = new StringBuilder();
        for (Line line : lines(trace)) {
            b.append(line.masked()).append('\n');
        }
        return b.toString();
    }

    private static Runs.Result strace(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("setarch", "-R", Runs.STRACE.toString()));
        cmd.addAll(args);
        return Runs.run(fixedAddresses ? cmd : cmd.subList(2, cmd.size()));
    }

    private static Runs.Result jtrace(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("setarch", "-R"));
        cmd.addAll(Runs.jtraceCommand(Runs.STRACE.toString(), args));
        return Runs.run(fixedAddresses ? cmd : cmd.subList(2, cmd.size()));
    }

    /** Both traces of {@code args}, compared masked; jtrace's times checked; jtrace's trace returned. */
    private static String assertSameTrace(List<String> args) {
        Runs.Result strace = strace(args);
        Runs.Result jtrace = jtrace(args);
        Runs.assertSameLines(masked(strace.stderr()), masked(jtrace.stderr()), "trace of " + args);
        assertEquals(strace.stdout(), jtrace.stdout(), "the program's own output");
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
        // Under -z and -Z the lines left out count for -r too, as in strace: -r then spans them.
        if (!args.contains("-z") && !args.contains("-Z")) {
            assertTimesMakeSense(lines(jtrace.stderr()), args.toString());
        }
        return jtrace.stderr();
    }

    /**
     * The time of day never goes backwards, and where -t and -r are both shown each -r is the
     * difference of two -t (both are read at the same stop) to within clock noise; the first -r is 0.
     */
    private static void assertTimesMakeSense(List<Line> lines, String what) {
        long previous = Long.MIN_VALUE;
        boolean first = true;
        for (Line line : lines) {
            if (line.relative() != null && first) {
                assertEquals(0, seconds(line.relative()), () -> what + ": the first -r is 0: " + line);
            }
            if (line.time() != null) {
                long now = nanos(line.time());
                assertTrue(now >= previous, () -> what + ": time went backwards at " + line);
                if (line.relative() != null && !first && line.relative().contains(".")) {
                    long relative = nanos(line.relative());
                    long tolerance = 5_000_000;
                    assertTrue(Math.abs(relative - (now - previous)) <= tolerance,
                            () -> what + ": -r is not the time since the previous line: " + line);
                }
                previous = now;
            }
            first = false;
        }
    }

    /** A time as printed, in nanoseconds: {@code HH:MM:SS.f}, {@code SECONDS.f}, {@code (+ SECONDS.f)}. */
    private static long nanos(String printed) {
        String t = printed.replaceAll("[()+ ]", "");
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        String fraction = dot < 0 ? "" : t.substring(dot + 1);
        long seconds;
        if (whole.contains(":")) {
            String[] hms = whole.split(":");
            seconds = Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
        } else {
            seconds = Long.parseLong(whole);
        }
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return seconds * 1_000_000_000L + nanos;
    }

    private static double seconds(String printed) {
        return nanos(printed) / 1e9;
    }

    private static List<String> with(String options, List<String> rest, String... more) {
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        args.addAll(rest);
        args.addAll(List.of(more));
        return args;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-t", "-tt", "-ttt", "-r", "-T", "-n", "-i", "-tt -r", "-ttt -r -T -n -i",
            "--timestamps=unix,ns --relative-timestamps=ms --syscall-times=ns",
            "--absolute-timestamps=format:time,precision:s --relative-timestamps=s --syscall-times=s",
            "--timestamps=none -r -T", "--timestamps=precision:ms -n",
            "-z -tt -r -T -n -i", "-Z -ttt -T -n -i", "-a 20 -t -T"})
    void prefixesAndDurations(String options) {
        String calls = assertSameTrace(with(options, List.of("-e", CALLS, Fixtures.path("calls").toString())));
        String signal = assertSameTrace(with(options, SIGNAL));
        if (!options.startsWith("-z") && !options.startsWith("-Z")) {
            assertTrue(signal.contains("--- SIGUSR1 ") && signal.contains("+++ exited with 0 +++"), signal);
        }
        assertTrue(calls.contains("write("), calls);
    }

    /**
     * -f into one file: the pid, then the times, the number and the pointer, on every line; the
     * blocked read of a thread cut short by exit_group resumed as strace resumes it, with the
     * pointer read at its exit stop, and none once the thread is gone. Lines compared per thread.
     */
    @Test
    void threadsIntoOneFile(@TempDir Path dir) throws IOException {
        Path s = dir.resolve("strace.out");
        Path j = dir.resolve("jtrace.out");
        String fixture = Fixtures.path("thread_exit").toString();
        // Not the sleep: whether its line is cut by the other thread's read depends on who runs first.
        List<String> options = List.of("-tt", "-r", "-T", "-n", "-i", "-e", "trace=read,exit_group");
        strace(with("-f -o " + s, options, fixture));
        jtrace(with("-f -o " + j, options, fixture));
        String jtraceTrace = Files.readString(j);
        assertEquals(byPid(Files.readString(s)), byPid(jtraceTrace));
        assertTrue(jtraceTrace.contains("<... read resumed> <unfinished ...>) = ?"), jtraceTrace);
        assertTimesMakeSense(lines(jtraceTrace), "-f -o FILE");
    }

    /** -T is the time from a call's entry to its exit: a 100 ms sleep takes at least that. */
    @Test
    void syscallTimesCoverTheCall(@TempDir Path dir) throws IOException {
        Path sd = Files.createDirectory(dir.resolve("s"));
        Path jd = Files.createDirectory(dir.resolve("j"));
        String fixture = Fixtures.path("thread_exit").toString();
        List<String> options = List.of("-T", "-e", "trace=clock_nanosleep,exit_group");
        strace(with("-ff -o " + sd.resolve("t"), options, fixture));
        jtrace(with("-ff -o " + jd.resolve("t"), options, fixture));
        assertEquals(files(sd), files(jd));
        String trace;
        try (var files = Files.list(jd)) {
            trace = String.join("", files.map(TimingOptionsTest::read).toList());
        }
        Line sleep = lines(trace).stream().filter(l -> l.body().startsWith("clock_nanosleep(")).findFirst()
                .orElseThrow();
        double slept = seconds(sleep.duration().replaceAll("[<> ]", ""));
        assertTrue(slept >= 0.1 && slept < 5, () -> "-T of a 100 ms sleep: " + sleep);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The masked lines of each -ff file, in pid order. */
    private static List<String> files(Path dir) throws IOException {
        Map<Integer, String> byPid = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                byPid.put(Integer.parseInt(name.substring(name.indexOf('.') + 1)), masked(Files.readString(f)));
            }
        }
        return new ArrayList<>(byPid.values());
    }

    private static List<List<String>> byPid(String trace) {
        Map<Integer, List<String>> byPid = new TreeMap<>();
        for (Line line : lines(trace)) {
            int pid = Integer.parseInt(line.pid().trim());
            byPid.computeIfAbsent(pid, k -> new ArrayList<>()).add(line.masked());
        }
        return new ArrayList<>(byPid.values());
    }
}
