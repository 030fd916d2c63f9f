package io.jtrace.testsupport;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The C programs under {@code src/test/c}, compiled on first use into {@code target/fixtures} (paths
 * are relative to the module directory, where Maven runs the tests). A binary is reused while it is
 * newer than its source.
 */
public final class Fixtures {
    private static final Path SOURCES = Path.of("src/test/c");
    private static final Path BINARIES = Path.of("target/fixtures");
    private static final Map<String, Path> compiled = new HashMap<>();

    private Fixtures() {}

    /** The absolute path of fixture {@code name} ({@code src/test/c/NAME.c}), compiled if needed. */
    public static Path path(String name) {
        return path(SOURCES, name);
    }

    /** As {@link #path(String)}, for a fixture of another module's {@code sources} directory. */
    public static synchronized Path path(Path sources, String name) {
        Path cached = compiled.get(name);
        if (cached != null) {
            return cached;
        }
        Requirements.cc();
        Path source = sources.resolve(name + ".c");
        Path binary = BINARIES.resolve(name);
        try {
            Assertions.assertTrue(Files.isRegularFile(source),
                    "no fixture " + source.toAbsolutePath() + " (run the tests from the module directory)");
            if (!Files.exists(binary)
                    || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
                Files.createDirectories(BINARIES);
                Process cc = new ProcessBuilder("cc", "-O1", "-pthread", "-o", binary.toString(), source.toString())
                        .redirectErrorStream(true).start();
                String output = new String(cc.getInputStream().readAllBytes());
                Assertions.assertTrue(cc.waitFor(60, TimeUnit.SECONDS), "cc " + name + " timed out");
                Assertions.assertEquals(0, cc.exitValue(), "cc " + source + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot build fixture " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building fixture " + name, e);
        }
        Path absolute = binary.toAbsolutePath();
        compiled.put(name, absolute);
        return absolute;
    }
}
