package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * File times, file system status and extended attributes, as strace's {@code src/utimes.c},
 * {@code src/print_statfs.c} and {@code src/xattr.c} print them; registers the vector and splice calls of
 * {@link VectorDecoders} as well.
 */
final class FsDecoders {
    private static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    private static final long NANOS_PER_SECOND = 1_000_000_000, MICROS_PER_SECOND = 1_000_000;
    private static final int STATFS_SIZE = 120;
    private static final long XATTR_SIZE_MAX = 65536;
    /** After the year, which strftime's {@code %Y} prints with neither padding nor a plus sign. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    private FsDecoders() {}

    static void register(Registry r) {
        r.textArg("utimens", (out, v, call, ctx) -> pair(out, v, 16, FsDecoders::utimens, ctx));
        r.textArg("timevals", (out, v, call, ctx) -> pair(out, v, 16, FsDecoders::timeval, ctx));
        r.textArg("utimbuf", FsDecoders::utimbuf);
        r.textArg("statfs", FsDecoders::statfs);
        r.textArg("xattr_value_in", (out, v, call, ctx) -> xattrValue(out, v, call.arg(3), ctx));
        r.textArg("xattr_value_out", (out, v, call, ctx) -> xattrValue(out, v, call.rval(), ctx));
        r.textArg("xattr_list", (out, v, call, ctx) -> {
            if (call.arg(2) == 0) {
                DecodeContext.address(out, v);
            } else {
                VectorDecoders.buffer(out, v, call.rval(), ctx);
            }
        });
    }

    /**
     * An extended attribute's value of {@code size} bytes, as strace's print_xattr_val: the address
     * when larger than the kernel allows, else the bytes shortened to -s, where a NUL as the last
     * byte printed is left out and then no {@code ...} follows.
     */
    private static void xattrValue(StringBuilder out, long address, long size, DecodeContext ctx) {
        if (Long.compareUnsigned(size, XATTR_SIZE_MAX) > 0 || address == 0) {
            DecodeContext.address(out, address);
            return;
        }
        int limit = ctx.stringLimit();
        int shown = (int) Math.min(size, limit);
        ByteBuffer b = size == 0 ? ByteBuffer.allocate(0) : ctx.read(address, (int) Math.min(size, limit + 1L));
        if (b == null) {
            DecodeContext.address(out, address);
        } else if (shown > 0 && b.get(shown - 1) == 0) {
            Quoting.quoteBuffer(out, b.array(), 0, shown - 1, limit, ctx.hex());
        } else {
            Quoting.quoteBuffer(out, b.array(), 0, size, limit, ctx.hex());
        }
    }

    private interface Element {
        void print(StringBuilder out, ByteBuffer b, int at);
    }

    /**
     * Two structures of {@code size} bytes each, {@code [a, b]}: the access and modification times,
     * read together and printed as an array, which -s shortens unless -v.
     */
    private static void pair(StringBuilder out, long address, int size, Element element, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 2 * size);
        if (b == null) {
            return;
        }
        out.append('[');
        for (int i = 0; i < 2; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (!ctx.verbose() && i >= ctx.stringLimit()) {
                out.append("...");
                break;
            }
            element.print(out, b, i * size);
        }
        out.append(']');
    }

    /** A time utimensat sets: UTIME_NOW or UTIME_OMIT by name, else the timespec and its date. */
    private static void utimens(StringBuilder out, ByteBuffer b, int at) {
        long seconds = b.getLong(at), nanos = b.getLong(at + 8);
        String raw = "{tv_sec=" + seconds + ", tv_nsec=" + Long.toUnsignedString(nanos) + "}";
        if (nanos == UTIME_NOW || nanos == UTIME_OMIT) {
            XlatFormat.styled(out, raw, o -> o.append(nanos == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT"));
        } else {
            out.append(raw);
            if (Long.compareUnsigned(nanos, NANOS_PER_SECOND) < 0) {
                dateComment(out, seconds, nanos, 9);
            }
        }
    }

    private static void timeval(StringBuilder out, ByteBuffer b, int at) {
        long seconds = b.getLong(at), micros = b.getLong(at + 8);
        TimeDecoders.timeval(out, b, at);
        if (Long.compareUnsigned(micros, MICROS_PER_SECOND) < 0) {
            dateComment(out, seconds, micros, 6);
        }
    }

    /** utime's struct utimbuf: two whole seconds, each with its date. */
    private static void utimbuf(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 16);
        if (b != null) {
            out.append("{actime=").append(b.getLong(0));
            dateComment(out, b.getLong(0), 0, 0);
            out.append(", modtime=").append(b.getLong(8));
            dateComment(out, b.getLong(8), 0, 0);
            out.append('}');
        }
    }

    /**
     * {@code  /* 2023-11-14T22:13:20.123456789+0000 *}{@code /}: a time in the local zone, with
     * {@code digits} digits of {@code fraction} unless it is 0, as strace's sprinttime; nothing for
     * the epoch itself, nor for a time beyond what {@link Instant} holds (strace's limit,
     * localtime's, is further out).
     */
    static void dateComment(StringBuilder out, long seconds, long fraction, int digits) {
        if (seconds == 0 && fraction == 0) {
            return;
        }
        ZonedDateTime t;
        try {
            t = Instant.ofEpochSecond(seconds).atZone(ZoneId.systemDefault());
        } catch (DateTimeException e) {
            return;
        }
        out.append(" /* ").append(t.getYear()).append(DATE_TIME.format(t));
        if (fraction != 0) {
            String f = Long.toString(fraction);
            out.append('.').append("0".repeat(Math.max(0, digits - f.length()))).append(f);
        }
        out.append(OFFSET.format(t)).append(" */");
    }

    /** struct statfs, every field whether -v or not. */
    private static void statfs(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, STATFS_SIZE);
        if (b == null) {
            return;
        }
        out.append("{f_type=");
        Xlat magic = Xlat.get("fsmagic");
        XlatFormat.value(out, XlatFormat.bare("fsmagic"), b.getLong(0));
        String[] counts = {"f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree"};
        for (int i = 0; i < counts.length; i++) {
            out.append(", ").append(counts[i]).append('=').append(Long.toUnsignedString(b.getLong(8 + 8 * i)));
        }
        out.append(", f_fsid={val=[").append(hex(b.getInt(56) & 0xffffffffL)).append(", ")
                .append(hex(b.getInt(60) & 0xffffffffL)).append("]}")
                .append(", f_namelen=").append(Long.toUnsignedString(b.getLong(64)))
                .append(", f_frsize=").append(Long.toUnsignedString(b.getLong(72)))
                .append(", f_flags=");
        XlatFormat.flags(out, Xlat.get("statfs_flags"), b.getLong(80));
        out.append('}');
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }
}
