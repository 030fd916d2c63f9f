package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Data moved through I/O vectors and between descriptors, as strace's {@code src/io.c},
 * {@code src/sendfile.c} and {@code src/splice.c} print it: readv, writev and their positioned
 * kin, sendfile, splice, vmsplice and copy_file_range's offsets.
 */
final class VectorDecoders {
    private static final int IOVEC_SIZE = 16;
    /** What a vector holds when every element's whole length is data: the calls that write. */
    private static final long ALL_DATA = -1;

    private VectorDecoders() {}

    static void register(Registry r) {
        r.textArg("iovec", (out, v, call, ctx) -> iovec(out, v, call.arg(2), true, ALL_DATA, ctx));
        r.textArg("loff", (out, v, call, ctx) -> storedLong(out, v, false, ctx));
        r.textCall("readv", new ReadVector(false, false));
        r.textCall("preadv", new ReadVector(true, false));
        r.textCall("preadv2", new ReadVector(true, true));
        r.textCall("pwritev2", (TextEntryDecoder) (out, call, ctx) -> {
            ctx.fd(out, (int) call.arg(0));
            out.append(", ");
            iovec(out, call.arg(1), call.arg(2), true, ALL_DATA, ctx);
            countPositionAndFlags(out, call, ctx);
        });
        r.textCall("sendfile", new Sendfile());
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
    static void iovec(StringBuilder out, long address, long count, boolean strings, long dataSize,
                      DecodeContext ctx) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        if (count == 0) {
            out.append("[]");
            return;
        }
        long[] left = {dataSize};
        ArrayPrinter.print(out, address, count, IOVEC_SIZE, ArrayPrinter.shown(count, ctx), ctx, (o, e, i) -> {
            long base = e.getLong(0), length = e.getLong(8);
            o.append("{iov_base=");
            if (strings) {
                long data = Long.compareUnsigned(length, left[0]) > 0 ? left[0] : length;
                if (left[0] != ALL_DATA) {
                    left[0] -= data;
                }
                buffer(o, base, data, ctx);
            } else {
                DecodeContext.address(o, base);
            }
            o.append(", iov_len=").append(Long.toUnsignedString(length)).append('}');
        });
    }

    /** {@code length} bytes of data at {@code address}, quoted and shortened to -s, as strace's printstrn. */
    static void buffer(StringBuilder out, long address, long length, DecodeContext ctx) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int limit = ctx.stringLimit();
        int want = (int) (Long.compareUnsigned(length, limit) > 0 ? limit + 1L : length);
        ByteBuffer b = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address, want);
        if (b == null) {
            DecodeContext.address(out, address);
        } else {
            Quoting.quoteBuffer(out, b.array(), 0, length, limit, ctx.hex());
        }
    }

    /** A 64-bit integer the call reads or writes, {@code [N]}, or its address when unreadable. */
    static void storedLong(StringBuilder out, long address, boolean unsigned, DecodeContext ctx) {
        ByteBuffer b = ctx.read(address, 8);
        if (b == null) {
            DecodeContext.address(out, address);
        } else {
            long v = b.getLong(0);
            out.append('[').append(unsigned ? Long.toUnsignedString(v) : Long.toString(v)).append(']');
        }
    }

    /** The count and position of preadv2 and pwritev2 (one register on x86_64), and their RWF_ flags two registers on. */
    private static void countPositionAndFlags(StringBuilder out, Call call, DecodeContext ctx) {
        out.append(", ").append(Long.toUnsignedString(call.arg(2))).append(", ").append(call.arg(3)).append(", ");
        XlatFormat.flags(out, Xlat.get("rwf_flags"), call.arg(5));
    }

    /**
     * readv, preadv and preadv2: the vector printed at exit with the data read spread over its
     * elements, or with the elements' addresses only when the call failed.
     */
    private record ReadVector(boolean positioned, boolean withFlags) implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            out.append(", ");
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            iovec(out, call.arg(1), call.arg(2), !call.isError(), call.rval(), ctx);
            if (withFlags) {
                countPositionAndFlags(out, call, ctx);
            } else {
                out.append(", ").append(Long.toUnsignedString(call.arg(2)));
                if (positioned) {
                    out.append(", ").append(call.arg(3));
                }
            }
            out.append(')');
        }
    }

    /**
     * sendfile(out_fd, in_fd, offset, count): the offset it starts from at entry and, when data
     * moved, {@code => [the offset after]} at exit; an offset that cannot be read ends the call at entry.
     */
    private static final class Sendfile implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            out.append(", ");
            ctx.fd(out, (int) call.arg(1));
            out.append(", ");
            storedLong(out, call.arg(2), true, ctx);
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            if (!call.isError() && call.rval() != 0 && ctx.read(call.arg(2), 8) != null) {
                out.append(" => ");
                storedLong(out, call.arg(2), true, ctx);
            }
            out.append(", ").append(Long.toUnsignedString(call.arg(3))).append(')');
        }
    }
}
