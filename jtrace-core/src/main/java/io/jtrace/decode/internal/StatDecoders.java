package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * File status and directory listings: struct stat and struct statx, abbreviated as strace prints
 * them without {@code -v} and whole with it, and getdents' entry count.
 */
final class StatDecoders {
    private static final int STAT_SIZE = 144, STATX_SIZE = 256;
    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000;
    private static final long AT_STATX_SYNC_TYPE = 0x6000;
    private static final int DIRENT_RECLEN_OFFSET = 16;
    /** Where d_name starts in struct linux_dirent and struct linux_dirent64; the most of a name strace shows. */
    private static final int DIRENT_HEADER = 18, DIRENT64_HEADER = 19, D_NAME_MAX = 256;

    private StatDecoders() {}

    static void register(Registry r) {
        r.arg("stat", StatDecoders::stat);
        r.arg("statx", StatDecoders::statx);
        r.arg("statx_flags", (out, v, call, ctx) -> statxFlags(out, v));
        r.arg("dirents", StatDecoders::dirents);
    }

    private static void udec(ValueWriter out, String field, long v) {
        out.field(field);
        out.integer(v, ValueWriter.Base.UDEC);
    }

    /**
     * {@code {st_mode=S_IFREG|0644, st_size=10, ...}}, with st_rdev instead of the size for devices;
     * under -v every field, each time with its date.
     */
    private static void stat(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, STAT_SIZE);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        int mode = b.getInt(24);
        out.beginStruct();
        if (ctx.verbose()) {
            out.field("st_dev");
            makedev(out, b.getLong(0));
            udec(out, "st_ino", b.getLong(8));
        }
        out.field("st_mode");
        mode(out, mode);
        if (ctx.verbose()) {
            udec(out, "st_nlink", b.getLong(16));
            udec(out, "st_uid", b.getInt(28) & 0xffffffffL);
            udec(out, "st_gid", b.getInt(32) & 0xffffffffL);
            udec(out, "st_blksize", b.getLong(56));
            udec(out, "st_blocks", b.getLong(64));
        }
        int type = mode & S_IFMT;
        if (type == S_IFCHR || type == S_IFBLK) {
            out.field("st_rdev");
            makedev(out, b.getLong(40));
        } else {
            out.field("st_size");
            out.integer(b.getLong(48), ValueWriter.Base.DEC);
        }
        if (ctx.verbose()) {
            String[] times = {"st_atime", "st_mtime", "st_ctime"};
            for (int i = 0; i < times.length; i++) {
                long seconds = b.getLong(72 + 16 * i), nanos = b.getLong(80 + 16 * i);
                out.field(times[i]);
                out.integer(seconds, ValueWriter.Base.DEC);
                FsDecoders.dateComment(out, seconds, nanos, 9);
                udec(out, times[i] + "_nsec", nanos);
            }
        } else {
            out.elided();
        }
        out.endStruct();
    }

    /** {@code {stx_mask=..., stx_attributes=..., stx_mode=..., stx_size=..., ...}}. */
    private static void statx(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, STATX_SIZE);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        if (ctx.verbose()) {
            statxVerbose(out, b);
            return;
        }
        out.beginStruct();
        out.field("stx_mask");
        XlatFormat.flags(out, Xlat.get("statx_masks"), b.getInt(0) & 0xffffffffL);
        out.field("stx_attributes");
        XlatFormat.flags(out, Xlat.get("statx_attrs"), b.getLong(8));
        out.field("stx_mode");
        mode(out, b.getShort(28) & 0xffff);
        udec(out, "stx_size", b.getLong(40));
        out.elided();
        out.endStruct();
    }

    /** struct statx under -v: every field, the times and the last fields only when the mask has them. */
    private static void statxVerbose(ValueWriter out, ByteBuffer b) {
        long mask = b.getInt(0) & 0xffffffffL;
        out.beginStruct();
        out.field("stx_mask");
        XlatFormat.flags(out, Xlat.get("statx_masks"), mask);
        udec(out, "stx_blksize", b.getInt(4) & 0xffffffffL);
        out.field("stx_attributes");
        XlatFormat.flags(out, Xlat.get("statx_attrs"), b.getLong(8));
        udec(out, "stx_nlink", b.getInt(16) & 0xffffffffL);
        udec(out, "stx_uid", b.getInt(20) & 0xffffffffL);
        udec(out, "stx_gid", b.getInt(24) & 0xffffffffL);
        out.field("stx_mode");
        mode(out, b.getShort(28) & 0xffff);
        udec(out, "stx_ino", b.getLong(32));
        udec(out, "stx_size", b.getLong(40));
        udec(out, "stx_blocks", b.getLong(48));
        out.field("stx_attributes_mask");
        XlatFormat.flags(out, Xlat.get("statx_attrs"), b.getLong(56));
        for (int i = 0; i < STATX_TIMES.length; i++) {
            if ((mask & STATX_TIME_BITS[i]) != 0) {
                int at = STATX_TIME_OFFSETS[i];
                long seconds = b.getLong(at), nanos = b.getInt(at + 8) & 0xffffffffL;
                out.field(STATX_TIMES[i]);
                out.beginStruct();
                out.field("tv_sec");
                out.integer(seconds, ValueWriter.Base.DEC);
                out.field("tv_nsec");
                out.integer(nanos, ValueWriter.Base.DEC);
                out.endStruct();
                FsDecoders.dateComment(out, seconds, nanos, 9);
            }
        }
        String[] devices = {"stx_rdev_major", "stx_rdev_minor", "stx_dev_major", "stx_dev_minor"};
        for (int i = 0; i < devices.length; i++) {
            udec(out, devices[i], b.getInt(128 + 4 * i) & 0xffffffffL);
        }
        if ((mask & STATX_MNT_ID) != 0) {
            out.field("stx_mnt_id");
            out.integer(b.getLong(144), ValueWriter.Base.HEX);
        }
        if ((mask & STATX_DIOALIGN) != 0) {
            udec(out, "stx_dio_mem_align", b.getInt(152) & 0xffffffffL);
            udec(out, "stx_dio_offset_align", b.getInt(156) & 0xffffffffL);
        }
        out.endStruct();
    }

    private static final String[] STATX_TIMES = {"stx_atime", "stx_btime", "stx_ctime", "stx_mtime"};
    private static final long[] STATX_TIME_BITS = {0x20, 0x800, 0x80, 0x40};
    private static final int[] STATX_TIME_OFFSETS = {64, 80, 96, 112};
    private static final long STATX_MNT_ID = 0x1000, STATX_DIOALIGN = 0x2000;

    /** statx's flags: the sync type always named first, then the AT_ flags; one symbol. */
    private static void statxFlags(ValueWriter out, long flags) {
        // Two values side by side, each in the -X style: 0 /* AT_STATX_SYNC_AS_STAT */|0x100 /* ... */
        // strace prints the sync type as a flag set without a default, which -X raw leaves out when 0
        StringBuilder text = new StringBuilder();
        if (!XlatFormat.raw() || (flags & AT_STATX_SYNC_TYPE) != 0) {
            XlatFormat.value(text, Xlat.get("statx_sync_types"), flags & AT_STATX_SYNC_TYPE);
        }
        long others = flags & ~AT_STATX_SYNC_TYPE;
        if (others != 0) {
            text.append('|');
            XlatFormat.flags(text, XlatFormat.bare("at_flags"), others);
        }
        out.symbol(text.toString(), flags);
    }

    /**
     * A mode as strace prints st_mode, one symbol: the file type by name, S_ISUID, S_ISGID and
     * S_ISVTX by name, then the permission bits in octal with at least three digits ({@code %#03o}).
     */
    static void mode(ValueWriter out, int mode) {
        XlatFormat.styled(out, mode & 0xffffffffL, "0" + Integer.toOctalString(mode), o -> symbolicMode(o, mode));
    }

    private static void symbolicMode(StringBuilder out, int mode) {
        String type = Xlat.get("modetypes").nameOf(mode & S_IFMT);
        int rest = type == null ? mode : mode & ~S_IFMT;
        if (type != null) {
            out.append(type).append('|');
            for (int i = 0; i < SPECIAL_BITS.length; i++) {
                if ((rest & SPECIAL_BITS[i]) != 0) {
                    out.append(SPECIAL_NAMES[i]).append('|');
                    rest &= ~SPECIAL_BITS[i];
                }
            }
        }
        FileDecoders.umode(out, rest);
    }

    private static final int[] SPECIAL_BITS = {04000, 02000, 01000};
    private static final String[] SPECIAL_NAMES = {"S_ISUID", "S_ISGID", "S_ISVTX"};

    /**
     * A device number as {@code makedev(0xMAJOR, 0xMINOR)}, in the kernel's 64-bit encoding; under
     * -X raw the number, under -X verbose the number and the form in a comment.
     */
    static void makedev(ValueWriter out, long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        if (XlatFormat.raw()) {
            out.integer(dev, ValueWriter.Base.HEX);
            return;
        }
        if (XlatFormat.verbose()) {
            out.integer(dev, ValueWriter.Base.HEX);
            out.comment("makedev(" + XlatFormat.hexString(major & 0xffffffffL) + ", "
                    + XlatFormat.hexString(minor & 0xffffffffL) + ")");
            return;
        }
        out.beginCall("makedev");
        out.integer(major & 0xffffffffL, ValueWriter.Base.HEX);
        out.integer(minor & 0xffffffffL, ValueWriter.Base.HEX);
        out.endCall();
    }

    /**
     * getdents' and getdents64's buffer, walked as strace does: without -v its address and how many
     * entries the returned bytes hold ({@code N+} when bytes are left over), with -v every entry,
     * {@code {d_ino=..., d_off=..., d_reclen=..., d_type=DT_DIR, d_name="."}} (the old call's
     * d_name before its d_type, which is the record's last byte).
     */
    private static void dirents(ValueWriter out, long address, Call call, DecodeContext ctx) {
        boolean is64 = call.def().name().equals("getdents64");
        int header = is64 ? DIRENT64_HEADER : DIRENT_HEADER;
        long len = call.rval();
        if (Long.compareUnsigned(len, call.arg(2) & 0xffffffffL) > 0 || !ctx.dereference()) {
            out.pointer(address);
            return;
        }
        boolean verbose = ctx.verbose();
        if (!verbose) {
            out.pointer(address);
        }
        long at = address;
        int count = 0;
        while (true) {
            if (len < header) {
                if (verbose) {
                    if (len == 0) {
                        out.beginArray();
                        count++;
                    } else {
                        ByteBuffer rest = ctx.read(at, (int) Math.min(len, ctx.stringLimit() + 1L));
                        if (rest == null) {
                            FileDecoders.unreadable(out, at);
                        } else {
                            // strace prints these left-over bytes in hex whatever -x says, which a
                            // string item (escaped as -x asks) cannot say: the quoted text as it is
                            StringBuilder text = new StringBuilder();
                            Quoting.quoteBuffer(text, rest.array(), 0, len, ctx.stringLimit(), HexStyle.ALL);
                            out.literal(text.toString());
                        }
                    }
                }
                break;
            }
            ByteBuffer h = ctx.read(at, header);
            if (h == null) {
                if (verbose) {
                    if (count > 0) {
                        out.elided();
                        out.comment(XlatFormat.hexString(at));
                    } else {
                        FileDecoders.unreadable(out, at);
                    }
                }
                break;
            }
            if (verbose && count == 0) {
                out.beginArray();
            }
            count++;
            int reclen = h.getShort(DIRENT_RECLEN_OFFSET) & 0xffff;
            if (verbose) {
                out.beginStruct();
                udec(out, "d_ino", h.getLong(0));
                udec(out, "d_off", h.getLong(8));
                out.field("d_reclen");
                out.integer(reclen, ValueWriter.Base.DEC);
            }
            long next = 0, nextLen = 0;
            String what = verbose ? "" : "d_reclen ";
            if (reclen > len) {
                out.comment(what + (reclen - len) + " bytes overflow");
                reclen = (int) len;
            } else if (reclen < header) {
                out.comment(what + (header - reclen) + " bytes underflow");
                reclen = header;
                nextLen = len - header;
            } else {
                nextLen = len - reclen;
                if (nextLen != 0) {
                    next = at + reclen;
                }
            }
            len = nextLen;
            if (verbose) {
                int rc = is64 ? dirent64Tail(out, at + header, h.get(18) & 0xff, reclen - header, ctx)
                        : direntTail(out, at + header, reclen - header, ctx);
                if (next != 0 && rc < 0) {
                    out.elided();
                    break;
                }
            }
            if (next == 0) {
                break;
            }
            at = next;
        }
        if (verbose) {
            if (count > 0) {
                out.endArray();
            }
        } else {
            out.comment(count + (len != 0 ? "+" : "") + " entries");
        }
    }

    private static int dirent64Tail(ValueWriter out, long name, int type, int nameLength, DecodeContext ctx) {
        out.field("d_type");
        XlatFormat.value(out, Xlat.get("dirent_types"), type);
        int rc = 0;
        if (nameLength != 0) {
            out.field("d_name");
            rc = pathN(out, name, Math.min(nameLength, D_NAME_MAX) - 1, ctx);
        }
        out.endStruct();
        return rc;
    }

    /** The old dirent: the name, then the type in the record's last byte. */
    private static int direntTail(ValueWriter out, long name, int nameTypeLength, DecodeContext ctx) {
        int rc = 0;
        if (nameTypeLength != 0) {
            int nameLength = nameTypeLength - 1;
            if (nameLength != 0) {
                out.field("d_name");
                rc = pathN(out, name, Math.min(nameLength, D_NAME_MAX) - 1, ctx);
            }
            out.field("d_type");
            ByteBuffer t = ctx.read(name + nameTypeLength - 1, 1);
            if (t == null) {
                FileDecoders.unreadable(out, name + nameTypeLength - 1);
                rc = -1;
            } else {
                XlatFormat.value(out, Xlat.get("dirent_types"), t.get(0) & 0xff);
            }
        }
        out.endStruct();
        return rc;
    }

    /**
     * At most {@code n} bytes of a path, as strace's printpathn: {@code ...} after them when no NUL
     * came within {@code n + 1}. Returns 1 when the NUL was seen, 0 when not, -1 when unreadable.
     */
    private static int pathN(ValueWriter out, long address, int n, DecodeContext ctx) {
        byte[] b = new byte[n + 1];
        int read = ctx.readCString(address, b, n + 1);
        if (read < 0) {
            FileDecoders.unreadable(out, address);
            return -1;
        }
        return Quoting.cString(out, b, 0, read, n) && read > 0 && b[read - 1] == 0 ? 1 : 0;
    }
}
