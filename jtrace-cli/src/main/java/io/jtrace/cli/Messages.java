package io.jtrace.cli;

import io.jtrace.engine.ThisProcess;

import io.jtrace.cli.output.Sink;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * jtrace's own messages on stderr, each prefixed with the name jtrace was invoked as, as strace
 * prefixes its own. When the trace goes to stderr too they share one buffer, so they appear exactly
 * where strace's would, even in the middle of a trace line.
 */
final class Messages {
    private final String argv0;
    private final Sink stderr;

    Messages(String argv0, Sink stderr) {
        this.argv0 = argv0;
        this.stderr = stderr;
    }

    String argv0() {
        return argv0;
    }

    Sink stderr() {
        return stderr;
    }

    void info(String text) {
        stderr.appendUtf8Line(argv0 + ": " + text);
    }

    /** As {@link #info}, written in the middle of a trace line on the same stream. */
    void infoInLine(String text) {
        stderr.appendUtf8LineKeepingColumn(argv0 + ": " + text);
    }

    void error(String text) {
        info(text);
        stderr.flush();
    }

    void flush() {
        stderr.flush();
    }

    /**
     * Reports each trace line that could not be written to {@code name}, as strace's perror does
     * (null: standard error, where strace reports nothing). A write into a closed pipe is also a
     * SIGPIPE, as it is for strace: raised for the whole process, it reaches jtrace's handling of
     * fatal signals, which ignores it with -o FILE PROG and otherwise ends tracing.
     */
    Sink.ErrorHandler writeFailures(String name) {
        return (e, lines) -> {
            if (name != null) {
                for (int i = 0; i < lines; i++) {
                    error(name + ": " + reason(e));
                }
            }
            if ("Broken pipe".equals(reason(e))) {
                ThisProcess.raise(SIGPIPE);
            }
        };
    }

    private static final int SIGPIPE = 13;

    /** The strerror-style reason of a failed file operation. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "No such file or directory";
            case AccessDeniedException a -> "Permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> {
                String m = e.getMessage();
                int paren = m == null ? -1 : m.lastIndexOf(" (");
                yield paren >= 0 && m.endsWith(")") ? m.substring(paren + 2, m.length() - 1) : String.valueOf(m);
            }
        };
    }
}
