package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

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
        r.arg("utimens", (out, v, call, ctx) -> pair(out, v, 16, FsDecoders::utimens, ctx));
        r.arg("timevals", (out, v, call, ctx) -> pair(out, v, 16, FsDecoders::timeval, ctx));
        r.arg("utimbuf", FsDecoders::utimbuf);
        r.arg("statfs", FsDecoders::statfs);
        r.arg("xattr_value_in", (out, v, call, ctx) -> xattrValue(out, v, call.arg(3), ctx));
        r.arg("xattr_value_out", (out, v, call, ctx) -> xattrValue(out, v, call.rval(), ctx));
        r.arg("xattr_list", (out, v, call, ctx) -> {
            if (call.arg(2) == 0) {
                out.pointer(v);
            } else {
                ctx.data(out, v, call.rval());
            }
        });
    }

    /**
     * An extended attribute's value of {@code size} bytes, as strace's print_xattr_val: the address
     * when larger than the kernel allows, else the bytes shortened to -s, where a NUL as the last
     * byte printed is left out and then no {@code ...} follows.
     */
    private static void xattrValue(ValueWriter out, long address, long size, DecodeContext ctx) {
        if (Long.compareUnsigned(size, XATTR_SIZE_MAX) > 0 || address == 0) {
            out.pointer(address);
            return;
        }
        int limit = ctx.stringLimit();
        int shown = (int) Math.min(size, limit);
        ByteBuffer b = size == 0 ? ByteBuffer.allocate(0) : ctx.read(address, (int) Math.min(size, limit + 1L));
        if (b == null) {
            out.unreadable(address);
        } else if (shown > 0 && b.get(shown - 1) == 0) {
            Quoting.buffer(out, b.array(), 0, shown - 1, limit);
        } else {
            Quoting.buffer(out, b.array(), 0, size, limit);
        }
    }

    private interface Element {
        void write(ValueWriter out, ByteBuffer b, int at);
    }

    /**
     * Two structures of {@code size} bytes each, {@code [a, b]}: the access and modification times,
     * read together and printed as an array, which -s shortens unless -v.
     */
    private static void pair(ValueWriter out, long address, int size, Element element, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, 2 * size);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        out.beginArray();
        for (int i = 0; i < 2; i++) {
            if (!ctx.verbose() && i >= ctx.stringLimit()) {
                out.elided();
                break;
            }
            element.write(out, b, i * size);
        }
        out.endArray();
    }

    /** A time utimensat sets: UTIME_NOW or UTIME_OMIT by name, else the timespec and its date. */
    private static void utimens(ValueWriter out, ByteBuffer b, int at) {
        long seconds = b.getLong(at), nanos = b.getLong(at + 8);
        if (nanos == UTIME_NOW || nanos == UTIME_OMIT) {
            String name = nanos == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT";
            if (XlatFormat.abbrev()) {
                out.symbol(name, nanos);
                return;
            }
            timespec(out, seconds, nanos);
            if (XlatFormat.verbose()) {
                out.comment(name);
            }
        } else {
            timespec(out, seconds, nanos);
            if (Long.compareUnsigned(nanos, NANOS_PER_SECOND) < 0) {
                dateComment(out, seconds, nanos, 9);
            }
        }
    }

    private static void timespec(ValueWriter out, long seconds, long nanos) {
        out.beginStruct();
        out.field("tv_sec");
        out.integer(seconds, ValueWriter.Base.DEC);
        out.field("tv_nsec");
        out.integer(nanos, ValueWriter.Base.UDEC);
        out.endStruct();
    }

    private static void timeval(ValueWriter out, ByteBuffer b, int at) {
        long seconds = b.getLong(at), micros = b.getLong(at + 8);
        out.beginStruct();
        out.field("tv_sec");
        out.integer(seconds, ValueWriter.Base.DEC);
        out.field("tv_usec");
        out.integer(micros, ValueWriter.Base.UDEC);
        out.endStruct();
        if (Long.compareUnsigned(micros, MICROS_PER_SECOND) < 0) {
            dateComment(out, seconds, micros, 6);
        }
    }

    /** utime's struct utimbuf: two whole seconds, each with its date. */
    private static void utimbuf(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, 16);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        out.beginStruct();
        out.field("actime");
        out.integer(b.getLong(0), ValueWriter.Base.DEC);
        dateComment(out, b.getLong(0), 0, 0);
        out.field("modtime");
        out.integer(b.getLong(8), ValueWriter.Base.DEC);
        dateComment(out, b.getLong(8), 0, 0);
        out.endStruct();
    }

    /**
     * strace's {@code  /* 2023-11-14T22:13:20.123456789+0000 *}{@code /} after a time, as a
     * comment: the time in the local zone, with {@code digits} digits of {@code fraction} unless it
     * is 0, as strace's sprinttime; nothing for the epoch itself, nor for a time beyond what
     * {@link Instant} holds (strace's limit, localtime's, is further out).
     */
    static void dateComment(ValueWriter out, long seconds, long fraction, int digits) {
        String date = date(seconds, fraction, digits);
        if (date != null) {
            out.comment(date);
        }
    }

    /** The date {@link #dateComment} shows, or null for none. */
    private static String date(long seconds, long fraction, int digits) {
        if (seconds == 0 && fraction == 0) {
            return null;
        }
        ZonedDateTime t;
        try {
            t = Instant.ofEpochSecond(seconds).atZone(ZoneId.systemDefault());
        } catch (DateTimeException e) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        out.append(t.getYear()).append(DATE_TIME.format(t));
        if (fraction != 0) {
            String f = Long.toString(fraction);
            out.append('.').append("0".repeat(Math.max(0, digits - f.length()))).append(f);
        }
        return out.append(OFFSET.format(t)).toString();
    }

    /** struct statfs, every field whether -v or not. */
    private static void statfs(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, STATFS_SIZE);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        out.beginStruct();
        out.field("f_type");
        XlatFormat.value(out, XlatFormat.bare("fsmagic"), b.getLong(0));
        String[] counts = {"f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree"};
        for (int i = 0; i < counts.length; i++) {
            out.field(counts[i]);
            out.integer(b.getLong(8 + 8 * i), ValueWriter.Base.UDEC);
        }
        out.field("f_fsid");
        out.beginStruct();
        out.field("val");
        out.beginArray();
        out.integer(b.getInt(56) & 0xffffffffL, ValueWriter.Base.HEX);
        out.integer(b.getInt(60) & 0xffffffffL, ValueWriter.Base.HEX);
        out.endArray();
        out.endStruct();
        out.field("f_namelen");
        out.integer(b.getLong(64), ValueWriter.Base.UDEC);
        out.field("f_frsize");
        out.integer(b.getLong(72), ValueWriter.Base.UDEC);
        out.field("f_flags");
        XlatFormat.flags(out, Xlat.get("statfs_flags"), b.getLong(80));
        out.endStruct();
    }
}
