package io.jtrace.decode;

import io.jtrace.decode.internal.Quoting;

import io.jtrace.syscalls.Errno;

import java.util.Arrays;

/**
 * strace's text: values written to it are appended to a {@link StringBuilder} exactly as strace 6.1
 * prints them, with {@code ", "} between the items of a list.
 */
public final class TextWriter implements ValueWriter {
    private final StringBuilder out;
    private final HexStyle hex;
    /** Items written so far in each open list, the outermost first. */
    private int[] counts = new int[8];
    private int depth;
    /** The next item belongs to what was just written (a field's name, {@code =>}, a note's label). */
    private boolean attached;

    /**
     * A writer appending to {@code out}.
     *
     * @param out the builder the text is appended to
     * @param hex how strings are escaped ({@code -x}, {@code -xx})
     */
    public TextWriter(StringBuilder out, HexStyle hex) {
        this.out = out;
        this.hex = hex;
    }

    /**
     * Where the next item will start: after the separator it will be given. strace prints a
     * separator before it reads the next value, so a warning about that read goes there.
     */
    public int nextItemOffset() {
        return out.length() + (attached || counts[depth] == 0 ? 0 : 2);
    }

    /** Starts again with an empty list, writing on after what the builder holds. */
    public TextWriter reset() {
        depth = 0;
        counts[0] = 0;
        attached = false;
        return this;
    }

    private void item() {
        if (attached) {
            attached = false;
            counts[depth]++;
        } else if (counts[depth]++ > 0) {
            out.append(", ");
        }
    }

    private void open(char c) {
        item();
        out.append(c);
        if (++depth == counts.length) {
            counts = Arrays.copyOf(counts, depth * 2);
        }
        counts[depth] = 0;
    }

    private void close(char c) {
        if (depth > 0) {
            depth--;
        }
        attached = false;
        out.append(c);
    }

    @Override
    public void integer(long value, Base base) {
        item();
        switch (base) {
            case DEC -> out.append(value);
            case UDEC -> out.append(Long.toUnsignedString(value));
            case HEX -> {
                if (value == 0) {
                    out.append('0');
                } else {
                    out.append("0x").append(Long.toHexString(value));
                }
            }
            case OCT -> out.append('0').append(Long.toOctalString(value));
        }
    }

    @Override
    public void symbol(String text, long raw) {
        item();
        out.append(text);
    }

    @Override
    public void pointer(long address) {
        item();
        if (address == 0) {
            out.append("NULL");
        } else {
            out.append("0x").append(Long.toHexString(address));
        }
    }

    @Override
    public void unreadable(long address) {
        pointer(address);
    }

    @Override
    public void string(byte[] bytes, int off, int len, boolean truncated) {
        item();
        Quoting.quoteBytes(out, bytes, off, len, hex);
        if (truncated) {
            out.append("...");
        }
    }

    @Override
    public void hexString(byte[] bytes, int off, int len, boolean truncated) {
        item();
        Quoting.quoteBytes(out, bytes, off, len, HexStyle.ALL);
        if (truncated) {
            out.append("...");
        }
    }

    @Override
    public void pid(int pid, String comm) {
        item();
        out.append(pid);
        if (comm != null) {
            out.append(comm);
        }
    }

    @Override
    public void fd(int fd, String shown, String decoration) {
        item();
        if (shown != null) {
            out.append(shown);
        } else {
            out.append(fd);
        }
        if (decoration != null) {
            out.append(decoration);
        }
    }

    @Override
    public void beginStruct() {
        open('{');
    }

    @Override
    public void field(String name) {
        item();
        out.append(name).append('=');
        attached = true;
    }

    @Override
    public void endStruct() {
        close('}');
    }

    @Override
    public void beginArray() {
        open('[');
    }

    @Override
    public void endArray() {
        close(']');
    }

    @Override
    public void elided() {
        item();
        out.append("...");
    }

    @Override
    public void comment(String text) {
        out.append(" /* ").append(text).append(" */");
    }

    @Override
    public void beginCall(String function) {
        item();
        out.append(function);
        attached = true;
        open('(');
    }

    @Override
    public void endCall() {
        close(')');
    }

    @Override
    public void changed() {
        out.append(" => ");
        attached = true;
    }

    @Override
    public void literal(String text) {
        item();
        out.append(text);
    }

    @Override
    public void separator() {
        out.append(", ");
        attached = true;
    }

    @Override
    public void error(int errno) {
        item();
        Errno e = Errno.byNumber(errno).filter(Errno::knownToStrace61).orElse(null);
        if (e == null) {
            out.append("-1 (errno ").append(errno).append(')');
        } else if (e.isRestart()) {
            out.append("? ").append(e.name()).append(" (").append(e.message()).append(')');
        } else {
            out.append("-1 ").append(e.name()).append(" (").append(e.message()).append(')');
        }
    }

    @Override
    public void beginNote(String label) {
        out.append(" (").append(label);
        if (++depth == counts.length) {
            counts = Arrays.copyOf(counts, depth * 2);
        }
        counts[depth] = 0;
        attached = true;
    }

    @Override
    public void endNote() {
        close(')');
    }
}
