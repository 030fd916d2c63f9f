package io.jtrace.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered byte stream that knows its current column. Trace text is ASCII once quoted; other bytes
 * (a file name in a message) are carried as chars 0-255, one per byte, so nothing is re-encoded.
 * Written to its stream when full, on {@link #flush()} and at the end, never a line at a time.
 * Synchronized: the tracer thread writes the trace while the main thread may report an error.
 */
public final class Sink implements AutoCloseable {
    private static final int FLUSH_AT = 64 * 1024;
    private final OutputStream stream;
    private final boolean closeStream;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
    private int column;
    private volatile ErrorHandler onError;

    /** What to do when a write fails: strace reports each trace line it could not write. */
    @FunctionalInterface
    public interface ErrorHandler {
        void failed(IOException e, int lines);
    }

    public Sink(OutputStream stream, boolean closeStream) {
        this(stream, closeStream, (e, lines) -> { });
    }

    public Sink(OutputStream stream, boolean closeStream, ErrorHandler onError) {
        this.stream = stream;
        this.closeStream = closeStream;
        this.onError = onError;
    }

    /** What to do from now on when a write fails. */
    public void onError(ErrorHandler handler) {
        this.onError = handler;
    }

    /** Whether anything is waiting to be written. */
    public synchronized boolean hasPending() {
        return !buf.isEmpty();
    }

    public synchronized int column() {
        return column;
    }

    public synchronized Sink append(CharSequence s) {
        buf.append(s);
        int nl = lastNewline(s);
        column = nl < 0 ? column + s.length() : s.length() - nl - 1;
        if (buf.length() >= FLUSH_AT) {
            flush();
        }
        return this;
    }

    public synchronized Sink append(char c) {
        buf.append(c);
        column = c == '\n' ? 0 : column + 1;
        return this;
    }

    /** Pads with spaces up to {@code col}; one space when already there or beyond. */
    public synchronized Sink padTo(int col) {
        if (column < col) {
            buf.repeat(' ', col - column);
            column = col;
        } else {
            append(' ');
        }
        return this;
    }

    /** Appends a message line of UTF-8 text, as bytes. */
    public synchronized Sink appendUtf8Line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            buf.append((char) (b & 0xff));
        }
        buf.append('\n');
        column = 0;
        return this;
    }

    /**
     * Appends a message line of UTF-8 text in the middle of a trace line, leaving the column where
     * the trace's own text put it: strace pads the rest of that line as if the message were not there.
     */
    public synchronized Sink appendUtf8LineKeepingColumn(String text) {
        int keep = column;
        appendUtf8Line(text);
        column = keep;
        return this;
    }

    private static int lastNewline(CharSequence s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    public synchronized void flush() {
        if (buf.isEmpty()) {
            return;
        }
        byte[] bytes = new byte[buf.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) buf.charAt(i);
        }
        buf.setLength(0);
        try {
            stream.write(bytes);
            stream.flush();
        } catch (IOException e) {
            // A closed pipe or a full disk: tracing goes on, as strace's does, and every write
            // is tried again. strace writes a line at a time, so it reports each line lost (the
            // half of a line written at a syscall's entry is reported with its end).
            int lines = 0;
            for (byte b : bytes) {
                lines += b == '\n' ? 1 : 0;
            }
            onError.failed(e, lines);
        }
    }

    @Override
    public synchronized void close() {
        flush();
        if (closeStream) {
            try {
                stream.close();
            } catch (IOException e) {
                onError.failed(e, 1);
            }
        }
    }
}
