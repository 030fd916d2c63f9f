package io.jtrace.decode;

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
        r.textArg("stat", StatDecoders::stat);
        r.textArg("statx", StatDecoders::statx);
        r.textArg("statx_flags", (out, v, call, ctx) -> statxFlags(out, v));
        r.textArg("dirents", StatDecoders::dirents);
    }

    /**
     * {@code {st_mode=S_IFREG|0644, st_size=10, ...}}, with st_rdev instead of the size for devices;
     * under -v every field, each time with its date.
     */
    private static void stat(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.read(address, STAT_SIZE);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        int mode = b.getInt(24);
        out.append('{');
        if (ctx.verbose()) {
            out.append("st_dev=");
            makedev(out, b.getLong(0));
            out.append(", st_ino=").append(Long.toUnsignedString(b.getLong(8))).append(", ");
        }
        out.append("st_mode=");
        mode(out, mode);
        if (ctx.verbose()) {
            out.append(", st_nlink=").append(Long.toUnsignedString(b.getLong(16)))
                    .append(", st_uid=").append(Integer.toUnsignedString(b.getInt(28)))
                    .append(", st_gid=").append(Integer.toUnsignedString(b.getInt(32)))
                    .append(", st_blksize=").append(Long.toUnsignedString(b.getLong(56)))
                    .append(", st_blocks=").append(Long.toUnsignedString(b.getLong(64)));
        }
        int type = mode & S_IFMT;
        if (type == S_IFCHR || type == S_IFBLK) {
            out.append(", st_rdev=");
            makedev(out, b.getLong(40));
        } else {
            out.append(", st_size=").append(b.getLong(48));
        }
        if (ctx.verbose()) {
            String[] times = {"st_atime", "st_mtime", "st_ctime"};
            for (int i = 0; i < times.length; i++) {
                long seconds = b.getLong(72 + 16 * i), nanos = b.getLong(80 + 16 * i);
                out.append(", ").append(times[i]).append('=').append(seconds);
                FsDecoders.dateComment(out, seconds, nanos, 9);
                out.append(", ").append(times[i]).append("_nsec=").append(Long.toUnsignedString(nanos));
            }
            out.append('}');
        } else {
            out.append(", ...}");
        }
    }

    /** {@code {stx_mask=..., stx_attributes=..., stx_mode=..., stx_size=..., ...}}. */
    private static void statx(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.read(address, STATX_SIZE);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        if (ctx.verbose()) {
            statxVerbose(out, b);
            return;
        }
        out.append("{stx_mask=");
        XlatFormat.flags(out, Xlat.get("statx_masks"), b.getInt(0) & 0xffffffffL);
        out.append(", stx_attributes=");
        XlatFormat.flags(out, Xlat.get("statx_attrs"), b.getLong(8));
        out.append(", stx_mode=");
        mode(out, b.getShort(28) & 0xffff);
        out.append(", stx_size=").append(Long.toUnsignedString(b.getLong(40))).append(", ...}");
    }

    /** struct statx under -v: every field, the times and the last fields only when the mask has them. */
    private static void statxVerbose(StringBuilder out, ByteBuffer b) {
        long mask = b.getInt(0) & 0xffffffffL;
        out.append("{stx_mask=");
        XlatFormat.flags(out, Xlat.get("statx_masks"), mask);
        out.append(", stx_blksize=").append(Integer.toUnsignedString(b.getInt(4))).append(", stx_attributes=");
        XlatFormat.flags(out, Xlat.get("statx_attrs"), b.getLong(8));
        out.append(", stx_nlink=").append(Integer.toUnsignedString(b.getInt(16)))
                .append(", stx_uid=").append(Integer.toUnsignedString(b.getInt(20)))
                .append(", stx_gid=").append(Integer.toUnsignedString(b.getInt(24)))
                .append(", stx_mode=");
        mode(out, b.getShort(28) & 0xffff);
        out.append(", stx_ino=").append(Long.toUnsignedString(b.getLong(32)))
                .append(", stx_size=").append(Long.toUnsignedString(b.getLong(40)))
                .append(", stx_blocks=").append(Long.toUnsignedString(b.getLong(48)))
                .append(", stx_attributes_mask=");
        XlatFormat.flags(out, Xlat.get("statx_attrs"), b.getLong(56));
        for (int i = 0; i < STATX_TIMES.length; i++) {
            if ((mask & STATX_TIME_BITS[i]) != 0) {
                int at = STATX_TIME_OFFSETS[i];
                long seconds = b.getLong(at), nanos = b.getInt(at + 8) & 0xffffffffL;
                out.append(", ").append(STATX_TIMES[i]).append("={tv_sec=").append(seconds)
                        .append(", tv_nsec=").append(nanos).append('}');
                FsDecoders.dateComment(out, seconds, nanos, 9);
            }
        }
        String[] devices = {"stx_rdev_major", "stx_rdev_minor", "stx_dev_major", "stx_dev_minor"};
        for (int i = 0; i < devices.length; i++) {
            out.append(", ").append(devices[i]).append('=').append(Integer.toUnsignedString(b.getInt(128 + 4 * i)));
        }
        if ((mask & STATX_MNT_ID) != 0) {
            out.append(", stx_mnt_id=");
            hexOrZero(out, b.getLong(144));
        }
        if ((mask & STATX_DIOALIGN) != 0) {
            out.append(", stx_dio_mem_align=").append(Integer.toUnsignedString(b.getInt(152)))
                    .append(", stx_dio_offset_align=").append(Integer.toUnsignedString(b.getInt(156)));
        }
        out.append('}');
    }

    private static final String[] STATX_TIMES = {"stx_atime", "stx_btime", "stx_ctime", "stx_mtime"};
    private static final long[] STATX_TIME_BITS = {0x20, 0x800, 0x80, 0x40};
    private static final int[] STATX_TIME_OFFSETS = {64, 80, 96, 112};
    private static final long STATX_MNT_ID = 0x1000, STATX_DIOALIGN = 0x2000;

    /** statx's flags: the sync type always named first, then the AT_ flags. */
    private static void statxFlags(StringBuilder out, long flags) {
        // Two values side by side, each in the -X style: 0 /* AT_STATX_SYNC_AS_STAT */|0x100 /* ... */
        // strace prints the sync type as a flag set without a default, which -X raw leaves out when 0
        if (!XlatFormat.raw() || (flags & AT_STATX_SYNC_TYPE) != 0) {
            XlatFormat.value(out, Xlat.get("statx_sync_types"), flags & AT_STATX_SYNC_TYPE);
        }
        long others = flags & ~AT_STATX_SYNC_TYPE;
        if (others != 0) {
            out.append('|');
            XlatFormat.flags(out, XlatFormat.bare("at_flags"), others);
        }
    }

    /**
     * A mode as strace prints st_mode: the file type by name, S_ISUID, S_ISGID and S_ISVTX by name,
     * then the permission bits in octal with at least three digits ({@code %#03o}).
     */
    static void mode(StringBuilder out, int mode) {
        XlatFormat.styled(out, "0" + Integer.toOctalString(mode), o -> symbolicMode(o, mode));
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

    /** A device number as {@code makedev(0xMAJOR, 0xMINOR)}, in the kernel's 64-bit encoding. */
    static void makedev(StringBuilder out, long dev) {
        XlatFormat.styled(out, XlatFormat.hexString(dev), o -> makedevCall(o, dev));
    }

    private static void makedevCall(StringBuilder out, long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        out.append("makedev(");
        hexOrZero(out, major & 0xffffffffL);
        out.append(", ");
        hexOrZero(out, minor & 0xffffffffL);
        out.append(')');
    }

    private static void hexOrZero(StringBuilder out, long v) {
        out.append(v == 0 ? "0" : "0x" + Long.toHexString(v));
    }

    /**
     * getdents' and getdents64's buffer, walked as strace does: without -v its address and how many
     * entries the returned bytes hold ({@code N+} when bytes are left over), with -v every entry,
     * {@code {d_ino=..., d_off=..., d_reclen=..., d_type=DT_DIR, d_name="."}} (the old call's
     * d_name before its d_type, which is the record's last byte).
     */
    private static void dirents(StringBuilder out, long address, Call call, DecodeContext ctx) {
        boolean is64 = call.def().name().equals("getdents64");
        int header = is64 ? DIRENT64_HEADER : DIRENT_HEADER;
        long len = call.rval();
        if (Long.compareUnsigned(len, call.arg(2) & 0xffffffffL) > 0) {
            DecodeContext.address(out, address);
            return;
        }
        boolean verbose = ctx.verbose();
        if (!verbose) {
            DecodeContext.address(out, address);
        }
        long at = address;
        int count = 0;
        while (true) {
            if (len < header) {
                if (verbose) {
                    if (len == 0) {
                        out.append('[');
                        count++;
                    } else {
                        ByteBuffer rest = ctx.read(at, (int) Math.min(len, ctx.stringLimit() + 1L));
                        if (rest == null) {
                            DecodeContext.address(out, at);
                        } else {
                            Quoting.quoteBuffer(out, rest.array(), 0, len, ctx.stringLimit(), Quoting.HexStyle.ALL);
                        }
                    }
                }
                break;
            }
            ByteBuffer h = ctx.read(at, header);
            if (h == null) {
                if (verbose) {
                    if (count > 0) {
                        out.append("... /* ");
                        DecodeContext.address(out, at);
                        out.append(" */");
                    } else {
                        DecodeContext.address(out, at);
                    }
                }
                break;
            }
            if (verbose && count == 0) {
                out.append('[');
            }
            count++;
            int reclen = h.getShort(DIRENT_RECLEN_OFFSET) & 0xffff;
            if (verbose) {
                out.append("{d_ino=").append(Long.toUnsignedString(h.getLong(0))).append(", d_off=")
                        .append(Long.toUnsignedString(h.getLong(8))).append(", d_reclen=").append(reclen);
            }
            long next = 0, nextLen = 0;
            String what = verbose ? "" : "d_reclen ";
            if (reclen > len) {
                out.append(" /* ").append(what).append(reclen - len).append(" bytes overflow */");
                reclen = (int) len;
            } else if (reclen < header) {
                out.append(" /* ").append(what).append(header - reclen).append(" bytes underflow */");
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
                if (next != 0) {
                    out.append(", ");
                    if (rc < 0) {
                        out.append("...");
                        break;
                    }
                }
            }
            if (next == 0) {
                break;
            }
            at = next;
        }
        if (verbose) {
            if (count > 0) {
                out.append(']');
            }
        } else {
            out.append(" /* ").append(count).append(len != 0 ? "+" : "").append(" entries */");
        }
    }

    private static int dirent64Tail(StringBuilder out, long name, int type, int nameLength, DecodeContext ctx) {
        out.append(", d_type=");
        XlatFormat.value(out, Xlat.get("dirent_types"), type);
        int rc = 0;
        if (nameLength != 0) {
            out.append(", d_name=");
            rc = pathN(out, name, Math.min(nameLength, D_NAME_MAX) - 1, ctx);
        }
        out.append('}');
        return rc;
    }

    /** The old dirent: the name, then the type in the record's last byte. */
    private static int direntTail(StringBuilder out, long name, int nameTypeLength, DecodeContext ctx) {
        int rc = 0;
        if (nameTypeLength != 0) {
            int nameLength = nameTypeLength - 1;
            if (nameLength != 0) {
                out.append(", d_name=");
                rc = pathN(out, name, Math.min(nameLength, D_NAME_MAX) - 1, ctx);
            }
            out.append(", d_type=");
            ByteBuffer t = ctx.read(name + nameTypeLength - 1, 1);
            if (t == null) {
                DecodeContext.address(out, name + nameTypeLength - 1);
                rc = -1;
            } else {
                XlatFormat.value(out, Xlat.get("dirent_types"), t.get(0) & 0xff);
            }
        }
        out.append('}');
        return rc;
    }

    /**
     * At most {@code n} bytes of a path, as strace's printpathn: {@code ...} after them when no NUL
     * came within {@code n + 1}. Returns 1 when the NUL was seen, 0 when not, -1 when unreadable.
     */
    private static int pathN(StringBuilder out, long address, int n, DecodeContext ctx) {
        byte[] b = new byte[n + 1];
        int read = ctx.readCString(address, b, n + 1);
        if (read < 0) {
            DecodeContext.address(out, address);
            return -1;
        }
        return Quoting.quoteCString(out, b, 0, read, n, ctx.hex()) && read > 0 && b[read - 1] == 0 ? 1 : 0;
    }
}
