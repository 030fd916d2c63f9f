package io.jtrace.cli.format;

import io.jtrace.syscalls.Xlat;

/** Prints constants by name from an {@link Xlat} table, as strace's printflags and printxval do. */
public final class XlatFormat {
    private XlatFormat() {}

    /**
     * A bit set: the names of the set bits in table order joined with {@code |}, then any bits left
     * in hex; a value no name covers prints in hex followed by the table's {@code /* X_??? *}{@code /}.
     * Zero prints as the table's zero-valued name if it has one, else {@code 0}.
     */
    public static void flags(StringBuilder out, Xlat table, long value) {
        if (value == 0) {
            String zero = table.nameOf(0);
            out.append(zero != null ? zero : "0");
            return;
        }
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
            hex(out, value);
            if (table.unknown() != null) {
                out.append(" /* ").append(table.unknown()).append(" */");
            }
        } else if (left != 0) {
            out.append('|');
            hex(out, left);
        }
    }

    /** One value: its name, else hex and the table's {@code /* X_??? *}{@code /}. */
    public static void value(StringBuilder out, Xlat table, long value) {
        String name = table.nameOf(value);
        if (name != null) {
            out.append(name);
            return;
        }
        hex(out, value);
        if (table.unknown() != null) {
            out.append(" /* ").append(table.unknown()).append(" */");
        }
    }

    static void hex(StringBuilder out, long v) {
        out.append("0x").append(Long.toHexString(v));
    }
}
