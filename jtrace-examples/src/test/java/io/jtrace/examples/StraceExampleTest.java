package io.jtrace.examples;

import io.jtrace.testsupport.Requirements;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strace example, built on the library alone, prints what /usr/bin/strace prints for the same
 * command: every line the same once addresses are masked and strace's padding before {@code =}
 * is taken out.
 */
class StraceExampleTest {
    private static final Path STRACE = Path.of("/usr/bin/strace");

    @Test
    void printsTheCallsOfCatAsStraceDoes() throws Exception {
        Requirements.require(Files.isExecutable(STRACE), STRACE.toString());
        Requirements.ptrace();
        Path file = Files.writeString(Files.createTempFile("example", ".txt"), "hello from the example\n");
        try {
            List<String> command = List.of("/bin/cat", file.toString());
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> example = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), Strace.class.getName()));
            example.addAll(command);
            List<String> reference = new ArrayList<>(List.of(STRACE.toString()));
            reference.addAll(command);

            Run ours = run(example);
            Run theirs = run(reference);
            assertEquals(0, ours.status, ours.stderr);
            assertEquals("hello from the example\n", ours.stdout);
            String quoted = "\"" + file + "\"";
            assertTrue(ours.stderr.contains("openat(AT_FDCWD, " + quoted + ", O_RDONLY) = 3\n"), ours.stderr);
            assertTrue(ours.stderr.endsWith("+++ exited with 0 +++\n"), ours.stderr);
            assertEquals(mask(theirs.stderr), mask(ours.stderr));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aMissingProgramIsReportedAsStraceReportsIt() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Run r = run(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Strace.class.getName(), "/nonexistent/program"));
        assertEquals(1, r.status);
        assertEquals("strace: Can't stat '/nonexistent/program': No such file or directory\n", r.stderr);
    }

    private record Run(int status, String stdout, String stderr) {}

    /** Runs {@code command} with a small fixed environment, so that both tracers show the same one. */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LC_ALL", "C");
        Path out = Files.createTempFile("example", ".out");
        Path err = Files.createTempFile("example", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            int status = pb.start().waitFor();
            return new Run(status, Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** Addresses and pids masked, strace's alignment padding taken out. */
    private static String mask(String trace) {
        return trace.replaceAll("0x[0-9a-f]+", "0xADDR")
                .replaceAll("\\) +=", ") =")
                .replaceAll("(set_tid_address\\(0xADDR\\) = )\\d+", "$1PID")
                .replaceAll("(getrandom\\()\"[^\"]*\"", "$1RANDOM");
    }
}
