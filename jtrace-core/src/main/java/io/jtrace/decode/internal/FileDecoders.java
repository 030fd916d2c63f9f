package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/** Files, descriptors and memory: open, stat, fcntl, ioctl, mmap and their kin. */
final class FileDecoders {
    private static final int O_CREAT = 0100, O_TMPFILE_BIT = 020000000;
    private static final int OPEN_HOW_SIZE = 24;

    private FileDecoders() {}

    static void register(Registry r) {
        r.arg("open_flags", (out, v, call, ctx) -> openFlags(out, v));
        r.arg("umode", (out, v, call, ctx) -> umode(out, v));
        r.arg("uid", (out, v, call, ctx) -> id(out, v));
        r.arg("fd_pair", FileDecoders::fdPair);
        r.arg("cwd", FileDecoders::cwd);
        r.arg("open_how", FileDecoders::openHow);
        r.call("open", (EntryDecoder) (out, call, ctx) -> open(out, call, ctx, 0));
        r.call("openat", (EntryDecoder) (out, call, ctx) -> {
            ctx.dirfd(out, (int) call.arg(0));
            open(out, call, ctx, 1);
        });
        r.call("umask", new OctalResult());
        r.call("mknod", (EntryDecoder) (out, call, ctx) -> mknod(out, call, ctx, 0));
        r.call("mknodat", (EntryDecoder) (out, call, ctx) -> {
            ctx.dirfd(out, (int) call.arg(0));
            mknod(out, call, ctx, 1);
        });
    }

    /** umask: its argument and its result are both modes, and both print in octal. */
    private static final class OctalResult implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            umode(out, call.arg(0));
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            umode(out, call.rval());
            return true;
        }
    }

    private static void open(ValueWriter out, Call call, DecodeContext ctx, int first) {
        ctx.path(out, call.arg(first));
        long flags = call.arg(first + 1);
        openFlags(out, flags);
        if ((flags & (O_CREAT | O_TMPFILE_BIT)) != 0) {
            umode(out, call.arg(first + 2));
        }
    }

    /** open's flags as one symbol (see {@link #openFlags(StringBuilder, long)}). */
    static void openFlags(ValueWriter out, long flags) {
        out.symbol(openFlagsText(flags), flags);
    }

    /** open's flags as strace spells them in the -X style in force. */
    static String openFlagsText(long flags) {
        StringBuilder text = new StringBuilder();
        openFlags(text, flags);
        return text.toString();
    }

    /**
     * open's flags: the access mode (O_RDONLY is 0) always named first, then the other bits, with
     * bits no name covers in hex and no comment.
     */
    private static void openFlags(StringBuilder out, long flags) {
        XlatFormat.styled(out, XlatFormat.hexString(flags), o -> {
            XlatFormat.value(o, Xlat.get("open_access_modes"), flags & 3);
            long others = flags & ~3L;
            if (others != 0) {
                o.append('|');
                XlatFormat.flags(o, XlatFormat.bare("open_mode_flags"), others);
            }
        });
    }

    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    /** mknod's path and mode, and its device only for a character or block device. */
    private static void mknod(ValueWriter out, Call call, DecodeContext ctx, int first) {
        ctx.path(out, call.arg(first));
        int mode = (int) call.arg(first + 1);
        symbolicMode(out, mode);
        int type = mode & S_IFMT;
        if (type == S_IFCHR || type == S_IFBLK) {
            StatDecoders.makedev(out, call.arg(first + 2));
        }
    }

    /** As {@link #symbolicMode(StringBuilder, int)}: one symbol, or the number when no name fits. */
    static void symbolicMode(ValueWriter out, int mode) {
        StringBuilder text = new StringBuilder();
        symbolicMode(text, mode);
        out.symbol(text.toString(), mode & 0xffffffffL);
    }

    /**
     * A mode with its file type: the type by name, S_ISUID, S_ISGID and S_ISVTX by name, then the
     * permission bits as {@code %#03o}; with no type bits, the same without a type; with type bits
     * no name covers, only the number.
     */
    private static void symbolicMode(StringBuilder out, int mode) {
        StringBuilder numeric = new StringBuilder();
        umode(numeric, mode);
        String type = (mode & S_IFMT) == 0 ? "" : Xlat.get("modetypes").nameOf(mode & S_IFMT);
        if (type == null) {
            out.append(numeric);
            return;
        }
        XlatFormat.styled(out, numeric.toString(), o -> {
            if (!type.isEmpty()) {
                o.append(type).append('|');
            }
            if ((mode & 04000) != 0) {
                o.append("S_ISUID|");
            }
            if ((mode & 02000) != 0) {
                o.append("S_ISGID|");
            }
            if ((mode & 01000) != 0) {
                o.append("S_ISVTX|");
            }
            umode(o, mode & 0777);
        });
    }

    /**
     * A file mode as {@link #umode(StringBuilder, long)} prints it: an octal integer, except below
     * 010, where strace's {@code %#03o} pads to three digits ({@code 000}, {@code 004}) and the
     * integer's octal form would not; those are written as a symbol with that text.
     */
    static void umode(ValueWriter out, long mode) {
        if (Long.compareUnsigned(mode, 010) >= 0) {
            out.integer(mode, ValueWriter.Base.OCT);
        } else {
            StringBuilder text = new StringBuilder();
            umode(text, mode);
            out.symbol(text.toString(), mode);
        }
    }

    /** As {@link #id(StringBuilder, long)}. */
    static void id(ValueWriter out, long v) {
        int id = (int) v;
        out.integer(id == -1 ? -1 : id & 0xffffffffL, ValueWriter.Base.DEC);
    }

    /** pipe's two descriptors, {@code [3, 4]}. */
    private static void fdPair(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, 8);
        if (b == null) {
            unreadable(out, address);
            return;
        }
        out.beginArray();
        ctx.fd(out, b.getInt(0));
        ctx.fd(out, b.getInt(4));
        out.endArray();
    }

    /** getcwd's buffer: a path of the returned length, the NUL included. */
    private static void cwd(ValueWriter out, long address, Call call, DecodeContext ctx) {
        int length = (int) Math.min(call.rval(), Quoting.PATH_MAX);
        ByteBuffer b = length <= 0 ? null : ctx.readStruct(address, length);
        if (b == null) {
            unreadable(out, address);
            return;
        }
        Quoting.path(out, b.array(), 0, length);
    }

    /** openat2's struct open_how: flags, the mode when it matters, and the resolve flags. */
    private static void openHow(ValueWriter out, long address, Call call, DecodeContext ctx) {
        long size = call.arg(3);
        ByteBuffer b = Long.compareUnsigned(size, OPEN_HOW_SIZE) < 0 ? null : ctx.readStruct(address, OPEN_HOW_SIZE);
        if (b == null) {
            unreadable(out, address);
            return;
        }
        long flags = b.getLong(0), mode = b.getLong(8), resolve = b.getLong(16);
        out.beginStruct();
        out.field("flags");
        openFlags(out, flags);
        if ((flags & (O_CREAT | O_TMPFILE_BIT)) != 0 || mode != 0) {
            out.field("mode");
            umode(out, mode);
        }
        out.field("resolve");
        XlatFormat.flags(out, Xlat.get("open_resolve_flags"), resolve);
        out.endStruct();
    }

    /**
     * Where strace prints an address in place of what it could not read: NULL for no address, else
     * the address as unreadable.
     */
    static void unreadable(ValueWriter out, long address) {
        if (address == 0) {
            out.pointer(0);
        } else {
            out.unreadable(address);
        }
    }

    /** A file mode in octal, at least three digits with the leading 0, as strace's {@code %#03o}. */
    static void umode(StringBuilder out, long mode) {
        String digits = mode == 0 ? "0" : "0" + Long.toOctalString(mode);
        out.append("00", 0, Math.max(0, 3 - digits.length())).append(digits);
    }
}
