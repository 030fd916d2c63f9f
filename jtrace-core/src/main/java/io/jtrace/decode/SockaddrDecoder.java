package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * Socket addresses, as strace's {@code src/sockaddr.c} prints them: the family by name, then the
 * fields of the families it knows (unix, inet, inet6, netlink) or the raw {@code sa_data}.
 */
final class SockaddrDecoder {
    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    /** sizeof(struct sockaddr_storage): the most strace reads. */
    private static final int STORAGE = 128;
    private static final int FAMILY = 2, SUN_SIZE = 110, SIN_SIZE = 16, SIN6_MIN = 24, NL_SIZE = 12;

    private SockaddrDecoder() {}

    /**
     * The address of {@code length} bytes at {@code address}: the address itself when shorter than
     * a family or unreadable, else the structure, read whole up to sockaddr_storage.
     */
    static void sockaddr(StringBuilder out, long address, int length, DecodeContext ctx) {
        if (length < FAMILY || address == 0) {
            DecodeContext.address(out, address);
            return;
        }
        int size = Math.min(length, STORAGE);
        ByteBuffer read = ctx.read(address, size);
        if (read == null) {
            DecodeContext.address(out, address);
            return;
        }
        // strace zeroes what lies beyond the length, so that a path runs into a NUL.
        byte[] b = new byte[STORAGE + 1];
        System.arraycopy(read.array(), 0, b, 0, size);
        ByteBuffer buf = ByteBuffer.wrap(b).order(read.order());
        int family = buf.getShort(0) & 0xffff;
        out.append("{sa_family=");
        XlatFormat.value(out, Xlat.get("addrfams"), family);
        if (size > FAMILY) {
            out.append(", ");
            switch (family) {
                case AF_UNIX -> unix(out, b, size, ctx);
                case AF_INET -> {
                    if (size >= SIN_SIZE) {
                        inet(out, buf);
                    } else {
                        raw(out, b, size, ctx);
                    }
                }
                case AF_INET6 -> {
                    if (size >= SIN6_MIN) {
                        inet6(out, buf, size);
                    } else {
                        raw(out, b, size, ctx);
                    }
                }
                case AF_NETLINK -> {
                    if (size >= NL_SIZE) {
                        netlink(out, buf);
                    } else {
                        raw(out, b, size, ctx);
                    }
                }
                default -> raw(out, b, size, ctx);
            }
        }
        out.append('}');
    }

    private static void raw(StringBuilder out, byte[] b, int size, DecodeContext ctx) {
        out.append("sa_data=");
        Quoting.quoteBuffer(out, b, FAMILY, size - FAMILY, Integer.MAX_VALUE, ctx.hex());
    }

    /** sun_path up to its NUL, or {@code @} and every byte of an abstract name. */
    private static void unix(StringBuilder out, byte[] b, int size, DecodeContext ctx) {
        int pathLength = Math.min(size, SUN_SIZE) - FAMILY;
        out.append("sun_path=");
        if (b[FAMILY] != 0) {
            Quoting.quoteCString(out, b, FAMILY, pathLength + 1, Integer.MAX_VALUE, ctx.hex());
        } else {
            out.append('@');
            Quoting.quoteBuffer(out, b, FAMILY + 1, pathLength - 1, Integer.MAX_VALUE, ctx.hex());
        }
    }

    private static void inet(StringBuilder out, ByteBuffer b) {
        out.append("sin_port=");
        XlatFormat.styled(out, hexBytes(b, 2, 2), o -> o.append("htons(").append(port(b)).append(')'));
        String dotted = (b.get(4) & 0xff) + "." + (b.get(5) & 0xff) + "." + (b.get(6) & 0xff) + "." + (b.get(7) & 0xff);
        out.append(", sin_addr=");
        XlatFormat.styled(out, hexBytes(b, 4, 4), o -> o.append("inet_addr(\"").append(dotted).append("\")"));
    }

    /**
     * Bytes in network order as strace shows them under -X raw and verbose: a string of
     * {@code \xHH} escapes, {@code "\x30\x39"}.
     */
    private static String hexBytes(ByteBuffer b, int at, int length) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            s.append("\\x").append(Character.forDigit((b.get(at + i) >> 4) & 0xf, 16))
                    .append(Character.forDigit(b.get(at + i) & 0xf, 16));
        }
        return s.append('"').toString();
    }

    private static void inet6(StringBuilder out, ByteBuffer b, int size) {
        out.append("sin6_port=");
        XlatFormat.styled(out, hexBytes(b, 2, 2), o -> o.append("htons(").append(port(b)).append(')'));
        out.append(", sin6_flowinfo=");
        XlatFormat.styled(out, hexBytes(b, 4, 4),
                o -> o.append("htonl(").append(Integer.toUnsignedString(Integer.reverseBytes(b.getInt(4)))).append(')'));
        String text = inet6Text(b, 8);
        out.append(", ");
        // Abbreviated, the address is an inet_pton call naming the field; otherwise the field's bytes
        // (and, under verbose, the call without the field in a comment).
        if (XlatFormat.abbrev()) {
            out.append("inet_pton(AF_INET6, \"").append(text).append("\", &sin6_addr)");
        } else {
            out.append("sin6_addr=").append(hexBytes(b, 8, 16));
            if (!XlatFormat.raw()) {
                out.append(" /* inet_pton(AF_INET6, \"").append(text).append("\") */");
            }
        }
        if (size > SIN6_MIN) {
            int scope = b.getInt(24);
            out.append(", sin6_scope_id=");
            int first = (b.get(8) & 0xff) << 8 | (b.get(9) & 0xff);
            boolean linkLocal = (first & 0xffc0) == 0xfe80 || (first & 0xff0f) == 0xff02;
            String name = linkLocal ? interfaceName(scope) : null;
            if (name != null) {
                XlatFormat.styled(out, Integer.toUnsignedString(scope),
                        o -> o.append("if_nametoindex(\"").append(name).append("\")"));
            } else {
                out.append(Integer.toUnsignedString(scope));
            }
        }
    }

    private static String interfaceName(int index) {
        try {
            NetworkInterface ni = NetworkInterface.getByIndex(index);
            return ni == null ? null : ni.getName();
        } catch (SocketException e) {
            return null;
        }
    }

    private static void netlink(StringBuilder out, ByteBuffer b) {
        int groups = b.getInt(8);
        out.append("nl_pid=").append(Integer.toUnsignedString(b.getInt(4))).append(", nl_groups=");
        // C's %#08x: the 0x prefix counts in the width, and zero has none.
        String digits = Integer.toHexString(groups);
        if (groups == 0) {
            out.append("00000000");
        } else {
            out.append("0x").append("0".repeat(Math.max(0, 6 - digits.length()))).append(digits);
        }
    }

    private static int port(ByteBuffer b) {
        return (b.get(2) & 0xff) << 8 | (b.get(3) & 0xff);
    }

    /** An IPv6 address as glibc's inet_ntop writes it (see {@link SocketDetails#appendIpv6}). */
    static String inet6Text(ByteBuffer b, int at) {
        byte[] address = new byte[16];
        b.get(at, address);
        StringBuilder s = new StringBuilder();
        SocketDetails.appendIpv6(s, address);
        return s.toString();
    }
}
