package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/** Files, descriptors and memory: open, stat, fcntl, ioctl, mmap and their kin. */
final class FileDecoders {
    private static final int O_CREAT = 0100, O_TMPFILE_BIT = 020000000;
    private static final int OPEN_HOW_SIZE = 24;

    private FileDecoders() {}

    static void register(Registry r) {
        r.textArg("open_flags", (out, v, call, ctx) -> openFlags(out, v));
        r.textArg("umode", (out, v, call, ctx) -> umode(out, v));
        r.textArg("uid", (out, v, call, ctx) -> id(out, v));
        r.textArg("fd_pair", FileDecoders::fdPair);
        r.textArg("cwd", FileDecoders::cwd);
        r.textArg("open_how", FileDecoders::openHow);
        r.textCall("open", (TextEntryDecoder) (out, call, ctx) -> open(out, call, ctx, 0));
        r.textCall("openat", (TextEntryDecoder) (out, call, ctx) -> {
            ctx.dirfd(out, (int) call.arg(0));
            out.append(", ");
            open(out, call, ctx, 1);
        });
        r.textCall("umask", new OctalResult());
        r.textCall("mknod", (TextEntryDecoder) (out, call, ctx) -> mknod(out, call, ctx, 0));
        r.textCall("mknodat", (TextEntryDecoder) (out, call, ctx) -> {
            ctx.dirfd(out, (int) call.arg(0));
            out.append(", ");
            mknod(out, call, ctx, 1);
        });
    }

    /** umask: its argument and its result are both modes, and both print in octal. */
    private static final class OctalResult implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            umode(out, call.arg(0));
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            out.append(')');
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            out.append("= ");
            umode(out, call.rval());
            return true;
        }
    }

    private static void open(StringBuilder out, Call call, DecodeContext ctx, int first) {
        ctx.path(out, call.arg(first));
        out.append(", ");
        long flags = call.arg(first + 1);
        openFlags(out, flags);
        if ((flags & (O_CREAT | O_TMPFILE_BIT)) != 0) {
            out.append(", ");
            umode(out, call.arg(first + 2));
        }
    }

    /**
     * open's flags: the access mode (O_RDONLY is 0) always named first, then the other bits, with
     * bits no name covers in hex and no comment.
     */
    static void openFlags(StringBuilder out, long flags) {
        XlatFormat.styled(out, XlatFormat.hexString(flags), o -> {
            XlatFormat.value(o, Xlat.get("open_access_modes"), flags & 3);
            long others = flags & ~3L;
            if (others != 0) {
                o.append('|');
                XlatFormat.flags(o, XlatFormat.bare("open_mode_flags"), others);
            }
        });
    }

    /** A file mode in octal, at least three digits with the leading 0, as strace's {@code %#03o}. */
    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    /** mknod's path and mode, and its device only for a character or block device. */
    private static void mknod(StringBuilder out, Call call, DecodeContext ctx, int first) {
        ctx.path(out, call.arg(first));
        out.append(", ");
        int mode = (int) call.arg(first + 1);
        symbolicMode(out, mode);
        int type = mode & S_IFMT;
        if (type == S_IFCHR || type == S_IFBLK) {
            out.append(", ");
            long dev = call.arg(first + 2);
            XlatFormat.styled(out, dev == 0 ? "0" : "0x" + Long.toHexString(dev), o -> StatDecoders.makedev(o, dev));
        }
    }

    /**
     * A mode with its file type: the type by name, S_ISUID, S_ISGID and S_ISVTX by name, then the
     * permission bits as {@code %#03o}; with no type bits, the same without a type; with type bits
     * no name covers, only the number.
     */
    static void symbolicMode(StringBuilder out, int mode) {
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

    static void umode(StringBuilder out, long mode) {
        String digits = mode == 0 ? "0" : "0" + Long.toOctalString(mode);
        out.append("00", 0, Math.max(0, 3 - digits.length())).append(digits);
    }

    /** A user or group id: -1 (unchanged) as -1, any other value unsigned. */
    static void id(StringBuilder out, long v) {
        int id = (int) v;
        out.append(id == -1 ? "-1" : Integer.toUnsignedString(id));
    }

    /** pipe's two descriptors, {@code [3, 4]}. */
    private static void fdPair(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.read(address, 8);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        out.append('[');
        ctx.fd(out, b.getInt(0));
        out.append(", ");
        ctx.fd(out, b.getInt(4));
        out.append(']');
    }

    /** getcwd's buffer: a path of the returned length, the NUL included. */
    private static void cwd(StringBuilder out, long address, Call call, DecodeContext ctx) {
        int length = (int) Math.min(call.rval(), Quoting.PATH_MAX);
        ByteBuffer b = length <= 0 ? null : ctx.read(address, length);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        Quoting.quotePath(out, b.array(), 0, length, ctx.hex());
    }

    /** openat2's struct open_how: flags, the mode when it matters, and the resolve flags. */
    private static void openHow(StringBuilder out, long address, Call call, DecodeContext ctx) {
        long size = call.arg(3);
        ByteBuffer b = Long.compareUnsigned(size, OPEN_HOW_SIZE) < 0 ? null : ctx.read(address, OPEN_HOW_SIZE);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        long flags = b.getLong(0), mode = b.getLong(8), resolve = b.getLong(16);
        out.append("{flags=");
        openFlags(out, flags);
        if ((flags & (O_CREAT | O_TMPFILE_BIT)) != 0 || mode != 0) {
            out.append(", mode=");
            umode(out, mode);
        }
        out.append(", resolve=");
        XlatFormat.flags(out, Xlat.get("open_resolve_flags"), resolve);
        out.append('}');
    }
}
