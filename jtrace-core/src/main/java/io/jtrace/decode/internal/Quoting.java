package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.ValueWriter;

/**
 * Quotes bytes read from a tracee exactly as strace 6.1 prints strings.
 *
 * <p>Inside the quotes, printable ASCII stands for itself except {@code "} and {@code \}, which get
 * a backslash; tab, newline, vertical tab, form feed and carriage return print as {@code \t \n \v
 * \f \r}; every other byte prints as a backslash and its value in octal, as few digits as possible
 * unless the next byte printed is an octal digit, in which case three. {@link HexStyle} changes
 * the last rule or quotes everything in hex.
 *
 * <p>Each method appends to {@code out} and allocates nothing else.
 */
public final class Quoting {

    /** The kernel's {@code PATH_MAX}, the longest path strace prints, its NUL included. */
    public static final int PATH_MAX = 4096;

    /** What terminates the printed string and what surrounds it. */
    private enum Shape {
        /** Exactly {@code size} bytes in double quotes; a NUL is one of them. */
        BUFFER,
        /** Up to a NUL or {@code size} bytes, in double quotes. */
        C_STRING,
        /** Exactly {@code size} bytes without quotes, {@code <} and {@code >} escaped too. */
        FD_PATH
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7e;

    private Quoting() {
    }

    /**
     * Quotes a buffer of known length, as strace prints the data of {@code write} or {@code read}:
     * the first {@code min(length, limit)} bytes, all of them, NULs included, then {@code ...} if
     * {@code length} exceeds {@code limit}.
     *
     * @param buf    holds at least {@code min(length, limit)} bytes from {@code off}
     * @param length the buffer's length in the tracee, unsigned
     * @param limit  the {@code -s} string limit
     */
    public static void quoteBuffer(StringBuilder out, byte[] buf, int off, long length, int limit, HexStyle hex) {
        boolean truncated = Long.compareUnsigned(length, limit) > 0;
        int size = truncated ? limit : (int) length;
        quote(out, buf, off, size, Shape.BUFFER, hex);
        if (truncated) {
            out.append("...");
        }
    }

    /**
     * Quotes a NUL-terminated string, as strace prints an {@code execve} argument: up to the NUL
     * or {@code limit} bytes, then {@code ...} unless the NUL was within {@code limit + 1} bytes.
     * Read {@code limit + 1} bytes, or up to the NUL, from the tracee to decide that.
     *
     * @param available how many bytes from {@code off} were read; a string that ends before a NUL
     *                  is printed with {@code ...}
     * @param limit     the {@code -s} string limit
     * @return whether the whole string was printed
     */
    public static boolean quoteCString(StringBuilder out, byte[] buf, int off, int available, int limit,
            HexStyle hex) {
        int size = Math.min(limit, available);
        boolean nulSeen = quote(out, buf, off, size, Shape.C_STRING, hex);
        boolean complete = nulSeen || (size < available && buf[off + size] == 0);
        if (!complete) {
            out.append("...");
        }
        return complete;
    }

    /**
     * Quotes a path: a NUL-terminated string that {@code -s} does not shorten, printed up to
     * {@code PATH_MAX - 1} bytes. Read up to {@link #PATH_MAX} bytes, or up to the NUL.
     *
     * @return whether the whole path was printed
     */
    public static boolean quotePath(StringBuilder out, byte[] buf, int off, int available, HexStyle hex) {
        return quoteCString(out, buf, off, available, PATH_MAX - 1, hex);
    }

    /**
     * Quotes the path of a file descriptor for {@code -y}, which goes between {@code <} and
     * {@code >}: no quotes around it, and {@code <} and {@code >} in it escaped.
     *
     * @param len the path's length, without a NUL
     */
    public static void quoteFdPath(StringBuilder out, byte[] buf, int off, int len, HexStyle hex) {
        quote(out, buf, off, len, Shape.FD_PATH, hex);
    }

    /** Quotes exactly {@code len} bytes, NULs included, in double quotes. */
    public static void quoteBytes(StringBuilder out, byte[] buf, int off, int len, HexStyle hex) {
        quote(out, buf, off, len, Shape.BUFFER, hex);
    }

    /**
     * A buffer of known length as {@link #quoteBuffer} shows it: its first {@code min(length, limit)}
     * bytes, truncated when {@code length} exceeds {@code limit}.
     */
    public static void buffer(ValueWriter out, byte[] buf, int off, long length, int limit) {
        boolean truncated = Long.compareUnsigned(length, limit) > 0;
        out.string(buf, off, truncated ? limit : (int) length, truncated);
    }

    /**
     * A NUL-terminated string as {@link #quoteCString} shows it: up to the NUL or {@code limit}
     * bytes, truncated unless the NUL came within {@code limit + 1} bytes.
     *
     * @return whether the whole string was shown
     */
    public static boolean cString(ValueWriter out, byte[] buf, int off, int available, int limit) {
        int size = Math.min(limit, available);
        int end = size;
        boolean nulSeen = false;
        for (int i = 0; i < size; i++) {
            if (buf[off + i] == 0) {
                end = i;
                nulSeen = true;
                break;
            }
        }
        boolean complete = nulSeen || (size < available && buf[off + size] == 0);
        out.string(buf, off, end, !complete);
        return complete;
    }

    /** A path as {@link #quotePath} shows it: never shortened by -s, up to {@code PATH_MAX - 1} bytes. */
    public static boolean path(ValueWriter out, byte[] buf, int off, int available) {
        return cString(out, buf, off, available, PATH_MAX - 1);
    }

    /**
     * Quotes {@code size} bytes, or fewer if a C string ends earlier.
     *
     * @return whether a C string's NUL was within the first {@code size} bytes
     */
    private static boolean quote(StringBuilder out, byte[] buf, int off, int size, Shape shape, HexStyle hex) {
        boolean cString = shape == Shape.C_STRING;
        int end = size;
        boolean nulSeen = false;
        if (cString) {
            for (int i = 0; i < size; i++) {
                if (buf[off + i] == 0) {
                    end = i;
                    nulSeen = true;
                    break;
                }
            }
        }
        boolean quotes = shape != Shape.FD_PATH;
        if (quotes) {
            out.append('"');
        }
        if (hex == HexStyle.ALL || (hex == HexStyle.NON_ASCII && needsNumericEscape(buf, off, end))) {
            for (int i = 0; i < end; i++) {
                appendHexEscape(out, buf[off + i] & 0xff);
            }
        } else {
            for (int i = 0; i < end; i++) {
                int c = buf[off + i] & 0xff;
                boolean nextIsOctalDigit = i + 1 < end && isOctalDigit(buf[off + i + 1]);
                appendEscaped(out, c, nextIsOctalDigit, shape == Shape.FD_PATH, hex);
            }
        }
        if (quotes) {
            out.append('"');
        }
        return nulSeen;
    }

    private static void appendEscaped(StringBuilder out, int c, boolean nextIsOctalDigit, boolean escapeAngles,
            HexStyle hex) {
        switch (c) {
            case '"', '\\' -> out.append('\\').append((char) c);
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case 0x0b -> out.append("\\v");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> {
                boolean printable = c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE
                        && !(escapeAngles && (c == '<' || c == '>'));
                if (printable) {
                    out.append((char) c);
                } else if (hex == HexStyle.NON_ASCII_CHARS) {
                    appendHexEscape(out, c);
                } else {
                    appendOctalEscape(out, c, nextIsOctalDigit);
                }
            }
        }
    }

    /**
     * Whether {@code -x} prints the string in hex: it has a byte that is neither printable nor one
     * of the five whitespace characters with a letter escape.
     */
    private static boolean needsNumericEscape(byte[] buf, int off, int end) {
        for (int i = 0; i < end; i++) {
            int c = buf[off + i] & 0xff;
            boolean whitespace = c >= '\t' && c <= '\r';
            if (c > LAST_PRINTABLE || (c < FIRST_PRINTABLE && !whitespace)) {
                return true;
            }
        }
        return false;
    }

    private static void appendHexEscape(StringBuilder out, int c) {
        out.append('\\').append('x').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
    }

    private static void appendOctalEscape(StringBuilder out, int c, boolean fullWidth) {
        out.append('\\');
        if (fullWidth || c >= 0100) {
            out.append((char) ('0' + (c >> 6)));
        }
        if (fullWidth || c >= 010) {
            out.append((char) ('0' + ((c >> 3) & 7)));
        }
        out.append((char) ('0' + (c & 7)));
    }

    private static boolean isOctalDigit(byte b) {
        return b >= '0' && b <= '7';
    }
}
