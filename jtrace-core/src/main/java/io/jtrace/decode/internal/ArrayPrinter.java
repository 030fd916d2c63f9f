package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import java.nio.ByteBuffer;

/**
 * An array of structures in tracee memory, as strace's print_array prints it: elements read one at
 * a time; an unreadable first element prints the array's address, a later one
 * {@code ... /* address *}{@code /}; after {@code limit} elements, {@code ...}.
 */
final class ArrayPrinter {
    /** Prints one element, read whole. */
    @FunctionalInterface
    interface Element {
        void print(StringBuilder out, ByteBuffer element, long index);
    }

    private ArrayPrinter() {}

    /** Writes one element, read whole. */
    @FunctionalInterface
    interface ElementWriter {
        void write(ValueWriter out, ByteBuffer element, long index);
    }

    /** The number of elements strace shows: -s of them, all with -v. */
    static long shown(long count, DecodeContext ctx) {
        return !ctx.verbose() && Long.compareUnsigned(ctx.stringLimit(), count) < 0 ? ctx.stringLimit() : count;
    }

    /**
     * strace's print_array: {@code NULL}, {@code []} when {@code count} is 0, else the elements,
     * {@code -s} of them unless -v. Returns whether the elements were printed to the end or to
     * the limit (false for NULL, {@code []} and an unreadable element), as strace's does.
     */
    static boolean array(ValueWriter out, long address, long count, int size, DecodeContext ctx,
                      ElementWriter element) {
        if (address == 0) {
            out.pointer(0);
            return false;
        }
        if (count == 0) {
            out.beginArray();
            out.endArray();
            return false;
        }
        return write(out, address, count, size, shown(count, ctx), ctx, element);
    }

    /**
     * As {@link #print}, written as an array of values; returns whether the elements were printed
     * to the end or to the limit.
     */
    static boolean write(ValueWriter out, long address, long count, int size, long limit, DecodeContext ctx,
                         ElementWriter element) {
        if (Long.compareUnsigned(count, Long.divideUnsigned(-1L, size)) > 0
                || Long.compareUnsigned(address + count * size, address) <= 0) {
            out.pointer(address);
            return false;
        }
        for (long i = 0; Long.compareUnsigned(i, count) < 0; i++) {
            long at = address + i * size;
            ByteBuffer b = ctx.readStruct(at, size);
            if (b == null) {
                if (i == 0) {
                    out.unreadable(at);
                    return false;
                }
                out.elided();
                out.comment(at == 0 ? "NULL" : "0x" + Long.toHexString(at));
                out.endArray();
                return false;
            }
            if (i == 0) {
                out.beginArray();
            }
            if (Long.compareUnsigned(i, limit) >= 0) {
                out.elided();
                break;
            }
            element.write(out, b, i);
        }
        out.endArray();
        return true;
    }
}
