package io.jtrace.decode.internal;

import io.jtrace.decode.ConstantStyle;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.util.function.Consumer;

/**
 * Prints constants by name from an {@link Xlat} table, as strace's printflags and printxval do,
 * in the style -X asks for: names ({@code abbrev}, the default), numbers ({@code raw}), or numbers
 * with the names in a comment ({@code verbose}).
 */
public final class XlatFormat {

    /**
     * The style in force on this thread: the decoding one's (see {@link #enter}), ABBREV inside
     * {@link #namesOnly}, ABBREV when nothing is being decoded.
     */
    private static final ThreadLocal<ConstantStyle[]> CURRENT = ThreadLocal.withInitial(() -> new ConstantStyle[1]);

    private XlatFormat() {}

    /**
     * Puts {@code style} in force on this thread for what a decoder writes until {@link #leave};
     * returns the style to restore then. Each decoder has its own -X, so that two of them can
     * decode with different styles, in one thread or in several.
     */
    public static ConstantStyle enter(ConstantStyle style) {
        ConstantStyle[] current = CURRENT.get();
        ConstantStyle previous = current[0];
        current[0] = style;
        return previous;
    }

    /** Restores the style {@link #enter} returned. */
    public static void leave(ConstantStyle previous) {
        CURRENT.get()[0] = previous;
    }

    /** Whether -X verbose asks for numbers with their names in comments. */
    static boolean verbose() {
        return style() == ConstantStyle.VERBOSE;
    }

    private static ConstantStyle style() {
        ConstantStyle s = CURRENT.get()[0];
        return s != null ? s : ConstantStyle.ABBREV;
    }

    /**
     * A constant whose numeric form is {@code raw} and whose symbolic form {@code abbrev} writes
     * (using names only): for the composite values decoders build themselves, such as open's flags
     * or st_mode.
     */
    public static void styled(StringBuilder out, String raw, Consumer<StringBuilder> abbrev) {
        ConstantStyle style = style();
        if (style == ConstantStyle.RAW) {
            out.append(raw);
            return;
        }
        if (style == ConstantStyle.VERBOSE) {
            out.append(raw).append(" /* ");
        }
        namesOnly(out, abbrev);
        if (style == ConstantStyle.VERBOSE) {
            out.append(" */");
        }
    }

    /**
     * As {@link #styled(StringBuilder, String, Consumer)}, written as one symbol whose number is
     * {@code raw}.
     */
    public static void styled(ValueWriter out, long raw, String rawText, Consumer<StringBuilder> abbrev) {
        StringBuilder text = new StringBuilder();
        styled(text, rawText, abbrev);
        out.symbol(text.toString(), raw);
    }

    /** What {@link #styled(StringBuilder, String, Consumer)} prints, as a string. */
    public static String styledText(String rawText, Consumer<StringBuilder> abbrev) {
        StringBuilder text = new StringBuilder();
        styled(text, rawText, abbrev);
        return text.toString();
    }

    /** As {@link #signal(StringBuilder, int)}, written as a symbol (a number when it has no name). */
    public static void signal(ValueWriter out, int nr) {
        String name = io.jtrace.syscalls.Signals.name(nr);
        if (name.equals(Integer.toString(nr))) {
            out.integer(nr, ValueWriter.Base.DEC);
            return;
        }
        styled(out, nr, Integer.toString(nr), o -> o.append(name));
    }

    /** As {@link #flags(StringBuilder, Xlat, long)}: a symbol, or a number and the table's comment. */
    public static void flags(ValueWriter out, Xlat table, long value) {
        boolean named = value == 0;
        for (Xlat.Entry e : table.entries()) {
            if (named) {
                break;
            }
            long v = e.value();
            named = v != 0 && (value & v) == v;
        }
        if (!named) {
            unknown(out, table, value);
            return;
        }
        StringBuilder text = new StringBuilder();
        flags(text, table, value);
        out.symbol(text.toString(), value);
    }

    /** As {@link #value(StringBuilder, Xlat, long)}: a symbol, or a number and the table's comment. */
    public static void value(ValueWriter out, Xlat table, long value) {
        if (table.nameOf(value) == null) {
            unknown(out, table, value);
            return;
        }
        StringBuilder text = new StringBuilder();
        value(text, table, value);
        out.symbol(text.toString(), value);
    }

    /**
     * One value in decimal, as strace's printxval_d: its name (under -X raw the number, under
     * -X verbose both), else the number followed by the table's comment when it has one.
     */
    public static void valueDecimal(ValueWriter out, Xlat table, long value) {
        String name = table.nameOf(value);
        if (name != null) {
            styled(out, value, Long.toString(value), o -> o.append(name));
            return;
        }
        out.integer(value, ValueWriter.Base.DEC);
        if (table.unknown() != null && style() != ConstantStyle.RAW) {
            out.comment(table.unknown());
        }
    }

    private static void unknown(ValueWriter out, Xlat table, long value) {
        out.integer(value, ValueWriter.Base.HEX);
        if (table.unknown() != null && style() != ConstantStyle.RAW) {
            out.comment(table.unknown());
        }
    }

    /**
     * A signal number as strace's printsignal: its name, under -X raw the number, under -X verbose
     * both; a number no signal has is printed as a number in every style.
     */
    public static void signal(StringBuilder out, int nr) {
        String name = io.jtrace.syscalls.Signals.name(nr);
        if (name.equals(Integer.toString(nr))) {
            out.append(nr);
            return;
        }
        styled(out, Integer.toString(nr), o -> o.append(name));
    }

    /**
     * What {@code names} prints, with names only whatever -X says: for the explanations strace
     * appends to a result, such as fcntl's {@code (flags O_RDWR|O_LARGEFILE)}.
     */
    public static void namesOnly(StringBuilder out, Consumer<StringBuilder> names) {
        ConstantStyle[] current = CURRENT.get();
        ConstantStyle saved = current[0];
        current[0] = ConstantStyle.ABBREV;
        try {
            names.accept(out);
        } finally {
            current[0] = saved;
        }
    }

    /** Whether -X asks for names only (the default), which some values print differently under. */
    public static boolean abbrev() {
        return style() == ConstantStyle.ABBREV;
    }

    /** Whether -X raw is in force. */
    public static boolean raw() {
        return style() == ConstantStyle.RAW;
    }

    /** {@code 0x...}, or {@code 0}, as C's {@code %#x}: the raw form of a composite value. */
    public static String hexString(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /**
     * A bit set: the names of the set bits in table order joined with {@code |}, then any bits left
     * in hex; a value no name covers prints in hex followed by the table's {@code /* X_??? *}{@code /}.
     * Zero prints as the table's zero-valued name if it has one, else {@code 0}.
     */
    public static void flags(StringBuilder out, Xlat table, long value) {
        ConstantStyle style = style();
        if (value == 0) {
            String zero = table.nameOf(0);
            if (zero == null || style == ConstantStyle.RAW) {
                out.append('0');
            } else {
                out.append(style == ConstantStyle.VERBOSE ? "0 /* " + zero + " */" : zero);
            }
            return;
        }
        if (style == ConstantStyle.RAW) {
            hex(out, value);
            return;
        }
        int start = out.length();
        if (style == ConstantStyle.VERBOSE) {
            hex(out, value);
            out.append(" /* ");
        }
        int namesAt = out.length();
        long left = value;
        int printed = 0;
        for (Xlat.Entry e : table.entries()) {
            long v = e.value();
            if (v != 0 && (left & v) == v) {
                if (printed++ > 0) {
                    out.append('|');
                }
                out.append(e.name());
                left &= ~v;
            }
        }
        if (printed == 0) {
            out.setLength(start);
            unknown(out, table, value);
            return;
        }
        if (left != 0) {
            out.append('|');
            hex(out, left);
        }
        if (style == ConstantStyle.VERBOSE && namesAt > start) {
            out.append(" */");
        }
    }

    /** One value: its name, else hex and the table's {@code /* X_??? *}{@code /}. */
    public static void value(StringBuilder out, Xlat table, long value) {
        String name = table.nameOf(value);
        if (name == null) {
            unknown(out, table, value);
            return;
        }
        switch (style()) {
            case ABBREV -> out.append(name);
            case RAW -> hex(out, value);
            case VERBOSE -> {
                hex(out, value);
                out.append(" /* ").append(name).append(" */");
            }
        }
    }

    private static void unknown(StringBuilder out, Xlat table, long value) {
        hex(out, value);
        if (table.unknown() != null && style() != ConstantStyle.RAW) {
            out.append(" /* ").append(table.unknown()).append(" */");
        }
    }

    private static final java.util.Map<String, Xlat> BARE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Table {@code name} without its unknown-value comment, for the bits strace prints bare after
     * the named ones in composite values (open's and mmap's flags).
     */
    public static Xlat bare(String name) {
        return BARE.computeIfAbsent(name, n -> {
            Xlat t = Xlat.get(n);
            return new Xlat(t.name(), t.entries(), null);
        });
    }

    /** {@code 0x...}, or {@code 0}, as C's {@code %#x}. */
    static void hex(StringBuilder out, long v) {
        if (v == 0) {
            out.append('0');
        } else {
            out.append("0x").append(Long.toHexString(v));
        }
    }
}
