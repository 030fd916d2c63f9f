package io.jtrace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real programs traced by strace and by jtrace: how many of strace's lines jtrace prints
 * identically. Each process is traced into a file of its own (-ff), because how the lines of
 * concurrent processes interleave, and so which calls are split into {@code <unfinished ...>} and
 * {@code <... resumed>}, differs from run to run even between two runs of strace. Lines are
 * compared as multisets after masking addresses, pids and values that change between runs. The
 * figures go to target/corpus-report.txt; the test holds the floor that decoding has reached so
 * that it can only go up.
 */
class CorpusTest {
    /** The share of identical lines over the whole corpus that must not be lost. */
    private static final double FLOOR = 0.98;

    record Share(String command, int straceLines, int identical) {
        double ratio() {
            return straceLines == 0 ? 1 : (double) identical / straceLines;
        }
    }

    @Test
    void shareOfIdenticalLines(@TempDir Path dir) throws IOException {
        Runs.requireTracers();
        List<Share> shares = new ArrayList<>();
        for (String command : corpus()) {
            String s = traced(dir, command, true);
            String j = traced(dir, command, false);
            shares.add(compare(command, s, j));
        }
        int total = shares.stream().mapToInt(Share::straceLines).sum();
        int same = shares.stream().mapToInt(Share::identical).sum();
        StringBuilder report = new StringBuilder("identical  lines  program\n");
        for (Share sh : shares) {
            report.append(String.format("%7.1f%%  %5d  %s%n", 100 * sh.ratio(), sh.straceLines(), sh.command()));
        }
        report.append(String.format("%7.1f%%  %5d  all %d programs%n", 100.0 * same / total, total, shares.size()));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/corpus-report.txt"), report);
        System.out.print(report);
        assertTrue((double) same / total >= FLOOR, report.toString());
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    private static String traced(Path dir, String command, boolean strace) throws IOException {
        Path work = Files.createTempDirectory(dir, "run");
        Path traces = Files.createTempDirectory(dir, strace ? "strace" : "jtrace");
        List<String> args = List.of("-ff", "-o", traces.resolve("t").toString(), "/bin/sh", "-c",
                "cd " + work + " && " + command);
        Runs.Result r = strace ? Runs.strace(args) : Runs.jtrace(args);
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(traces)) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(!all.isEmpty(), command + ": no trace\n" + r.stderr());
        return all.toString().replace(work.toString(), "WORKDIR");
    }

    static Share compare(String command, String strace, String jtrace) {
        Map<String, Integer> remaining = new HashMap<>();
        for (String line : lines(jtrace)) {
            remaining.merge(line, 1, Integer::sum);
        }
        List<String> expected = lines(strace);
        int identical = 0;
        for (String line : expected) {
            Integer n = remaining.get(line);
            if (n != null && n > 0) {
                remaining.put(line, n - 1);
                identical++;
            }
        }
        return new Share(command, expected.size(), identical);
    }

    /**
     * Masked lines. Besides addresses and pids: random bytes (getrandom), the memory, uptime and
     * process count figures of sysinfo, the CPU times of SIGCHLD, and the pids that set_tid_address, kill and the
     * id calls return or take.
     */
    private static List<String> lines(String trace) {
        List<String> out = new ArrayList<>();
        for (String line : Runs.mask(trace).split("\n")) {
            line = line.replaceAll("getrandom\\(\".*?\"(\\.\\.\\.)?,", "getrandom(RANDOM,")
                    .replaceAll("^(sysinfo\\(\\{uptime=)\\d+, loads=\\[[^]]*\\], totalram=(\\d+), freeram=\\d+, "
                            + "sharedram=\\d+, bufferram=\\d+", "$1U, loads=L, totalram=$2, freeram=F, sharedram=S, bufferram=B")
                    .replaceAll("^(sysinfo\\(.*, procs=)\\d+", "$1P")
                    .replaceAll("si_([us])time=\\d+( /\\* [0-9.]+ s \\*/)?", "si_$1time=T")
                    .replaceAll("^(set_tid_address\\(0xADDR\\) +)= \\d+$", "$1= PID")
                    .replaceAll("^(kill|tgkill|tkill)\\(\\d+", "$1(PID");
            out.add(line);
        }
        return out;
    }
}
