package io.jtrace.decode.internal;

import io.jtrace.decode.TextWriter;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * Data moved through I/O vectors and between descriptors, as strace's {@code src/io.c},
 * {@code src/sendfile.c} and {@code src/splice.c} print it: readv, writev and their positioned
 * kin, sendfile, splice, vmsplice and copy_file_range's offsets.
 */
final class VectorDecoders {
    private static final int IOVEC_SIZE = 16;
    /** What a vector holds when every element's whole length is data: the calls that write. */
    static final long ALL_DATA = -1;

    private VectorDecoders() {}

    static void register(Registry r) {
        r.arg("iovec", (out, v, call, ctx) -> iovec(out, v, call.arg(2), true, ALL_DATA, ctx));
        r.arg("loff", (out, v, call, ctx) -> storedLong(out, v, false, ctx));
        r.call("readv", new ReadVector(false, false));
        r.call("preadv", new ReadVector(true, false));
        r.call("preadv2", new ReadVector(true, true));
        r.call("pwritev2", (EntryDecoder) (out, call, ctx) -> {
            ctx.fd(out, (int) call.arg(0));
            iovec(out, call.arg(1), call.arg(2), true, ALL_DATA, ctx);
            countPositionAndFlags(out, call, ctx);
        });
        r.call("sendfile", new Sendfile());
    }

    /**
     * An array of struct iovec, as strace's print_array: {@code NULL}, the address when the array
     * cannot be read (or its size overflows), {@code []} when empty, and {@code ...} past {@code -s}
     * elements (unless -v) or, with the address in a comment, at the first unreadable one; each
     * element is read before that limit is checked, as strace does.
     *
     * @param strings  whether the elements' data is printed, or only their addresses
     * @param dataSize how many bytes of data the vector holds in all, spread over its elements in
     *                 order ({@link #ALL_DATA} for each element's whole length)
     */
    static void iovec(ValueWriter out, long address, long count, boolean strings, long dataSize,
                      DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        if (count == 0) {
            out.beginArray();
            out.endArray();
            return;
        }
        long[] left = {dataSize};
        ArrayPrinter.write(out, address, count, IOVEC_SIZE, ArrayPrinter.shown(count, ctx), ctx, (o, e, i) -> {
            long base = e.getLong(0), length = e.getLong(8);
            o.beginStruct();
            o.field("iov_base");
            if (strings) {
                long data = Long.compareUnsigned(length, left[0]) > 0 ? left[0] : length;
                if (left[0] != ALL_DATA) {
                    left[0] -= data;
                }
                ctx.data(o, base, data);
            } else {
                o.pointer(base);
            }
            o.field("iov_len");
            o.integer(length, ValueWriter.Base.UDEC);
            o.endStruct();
        });
    }

    /** A 64-bit integer the call reads or writes, {@code [N]}, or its address when unreadable. */
    private static void storedLong(ValueWriter out, long address, boolean unsigned, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 8);
        if (b != null) {
            out.beginArray();
            out.integer(b.getLong(0), unsigned ? ValueWriter.Base.UDEC : ValueWriter.Base.DEC);
            out.endArray();
        }
    }

    /** The count and position of preadv2 and pwritev2 (one register on x86_64), and their RWF_ flags two registers on. */
    private static void countPositionAndFlags(ValueWriter out, Call call, DecodeContext ctx) {
        out.integer(call.arg(2), ValueWriter.Base.UDEC);
        out.integer(call.arg(3), ValueWriter.Base.DEC);
        XlatFormat.flags(out, Xlat.get("rwf_flags"), call.arg(5));
    }

    /**
     * readv, preadv and preadv2: the vector printed at exit with the data read spread over its
     * elements, or with the elements' addresses only when the call failed.
     */
    private record ReadVector(boolean positioned, boolean withFlags) implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            iovec(out, call.arg(1), call.arg(2), !call.isError(), call.rval(), ctx);
            if (withFlags) {
                countPositionAndFlags(out, call, ctx);
            } else {
                out.integer(call.arg(2), ValueWriter.Base.UDEC);
                if (positioned) {
                    out.integer(call.arg(3), ValueWriter.Base.DEC);
                }
            }
        }
    }

    /**
     * sendfile(out_fd, in_fd, offset, count): the offset it starts from at entry and, when data
     * moved, {@code => [the offset after]} at exit; an offset that cannot be read ends the call at entry.
     */
    private static final class Sendfile implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            ctx.fd(out, (int) call.arg(1));
            storedLong(out, call.arg(2), true, ctx);
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            if (!call.isError() && call.rval() != 0 && ctx.readStruct(call.arg(2), 8) != null) {
                out.changed();
                storedLong(out, call.arg(2), true, ctx);
            } else {
                out.separator(); // the count follows the entry's arguments
            }
            out.integer(call.arg(3), ValueWriter.Base.UDEC);
        }
    }
}
