package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.TextWriter;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

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
    static void sockaddr(ValueWriter out, long address, int length, DecodeContext ctx) {
        if (length < FAMILY || address == 0) {
            out.pointer(address);
            return;
        }
        int size = Math.min(length, STORAGE);
        ByteBuffer read = ctx.readStruct(address, size);
        if (read == null) {
            out.unreadable(address);
            return;
        }
        // strace zeroes what lies beyond the length, so that a path runs into a NUL.
        byte[] b = new byte[STORAGE + 1];
        System.arraycopy(read.array(), 0, b, 0, size);
        ByteBuffer buf = ByteBuffer.wrap(b).order(read.order());
        int family = buf.getShort(0) & 0xffff;
        out.beginStruct();
        out.field("sa_family");
        XlatFormat.value(out, Xlat.get("addrfams"), family);
        if (size > FAMILY) {
            switch (family) {
                case AF_UNIX -> unix(out, b, size, ctx);
                case AF_INET -> {
                    if (size >= SIN_SIZE) {
                        inet(out, buf, ctx);
                    } else {
                        raw(out, b, size);
                    }
                }
                case AF_INET6 -> {
                    if (size >= SIN6_MIN) {
                        inet6(out, buf, size, ctx);
                    } else {
                        raw(out, b, size);
                    }
                }
                case AF_NETLINK -> {
                    if (size >= NL_SIZE) {
                        netlink(out, buf);
                    } else {
                        raw(out, b, size);
                    }
                }
                default -> raw(out, b, size);
            }
        }
        out.endStruct();
    }

    private static void raw(ValueWriter out, byte[] b, int size) {
        out.field("sa_data");
        Quoting.buffer(out, b, FAMILY, size - FAMILY, Integer.MAX_VALUE);
    }

    /** sun_path up to its NUL, or {@code @} and every byte of an abstract name. */
    private static void unix(ValueWriter out, byte[] b, int size, DecodeContext ctx) {
        int pathLength = Math.min(size, SUN_SIZE) - FAMILY;
        out.field("sun_path");
        if (b[FAMILY] != 0) {
            // Up to the NUL or the end of sun_path, and never "...": a path that fills sun_path
            // runs on into the bytes beyond it, which strace does not show.
            int end = 0;
            while (end < pathLength && b[FAMILY + end] != 0) {
                end++;
            }
            out.string(b, FAMILY, end, false);
        } else {
            // An abstract name is strace's own form, an @ before the quoted bytes: one literal.
            StringBuilder s = new StringBuilder("@");
            Quoting.quoteBuffer(s, b, FAMILY + 1, pathLength - 1, Integer.MAX_VALUE, ctx.hex());
            out.literal(s.toString());
        }
    }

    private static void inet(ValueWriter out, ByteBuffer b, DecodeContext ctx) {
        out.field("sin_port");
        port(out, b, ctx);
        inetAddress(out, b, 4, "sin_addr", ctx);
    }

    /**
     * The IPv4 address at {@code at} in {@code b}, member {@code field}: {@code inet_addr("1.2.3.4")},
     * or its bytes under -X raw and verbose, as strace's PRINT_FIELD_INET_ADDR.
     */
    static void inetAddress(ValueWriter out, ByteBuffer b, int at, String field, DecodeContext ctx) {
        out.field(field);
        byte[] dotted = ((b.get(at) & 0xff) + "." + (b.get(at + 1) & 0xff) + "." + (b.get(at + 2) & 0xff) + "."
                + (b.get(at + 3) & 0xff)).getBytes(StandardCharsets.ISO_8859_1);
        // The address's number as the bytes read in network order, 0x7f000001 for 127.0.0.1.
        long number = Integer.toUnsignedLong(Integer.reverseBytes(b.getInt(at)));
        styledForm(out, ctx, o -> o.symbol(hexBytes(b, at, 4), number), o -> {
            o.beginCall("inet_addr");
            o.string(dotted, 0, dotted.length, false);
            o.endCall();
        });
    }

    /**
     * The IPv6 address at {@code at} in {@code b}, member {@code field}: abbreviated, an inet_pton
     * call naming the member; otherwise the member's bytes (and, under verbose, the call without
     * the member in a comment).
     */
    static void inet6Address(ValueWriter out, ByteBuffer b, int at, String field, DecodeContext ctx) {
        byte[] text = inet6Text(b, at).getBytes(StandardCharsets.ISO_8859_1);
        if (XlatFormat.abbrev()) {
            out.beginCall("inet_pton");
            out.symbol("AF_INET6", AF_INET6);
            out.string(text, 0, text.length, false);
            out.literal("&" + field);
            out.endCall();
        } else {
            out.field(field);
            styledForm(out, ctx, o -> o.literal(hexBytes(b, at, 16)), o -> {
                o.beginCall("inet_pton");
                o.symbol("AF_INET6", AF_INET6);
                o.string(text, 0, text.length, false);
                o.endCall();
            });
        }
    }

    /** An interface index: {@code if_nametoindex("lo")} in the -X style in force, or the number when none has it. */
    static void ifindex(ValueWriter out, int index, DecodeContext ctx) {
        String name = interfaceName(index);
        if (name == null) {
            out.integer(Integer.toUnsignedLong(index), ValueWriter.Base.DEC);
        } else {
            ifname(out, Integer.toUnsignedLong(index), name, ctx);
        }
    }

    /** {@code htons(port)}, or its bytes under -X raw and verbose. */
    private static void port(ValueWriter out, ByteBuffer b, DecodeContext ctx) {
        int port = port(b);
        styledForm(out, ctx, o -> o.symbol(hexBytes(b, 2, 2), port), o -> {
            o.beginCall("htons");
            o.integer(port, ValueWriter.Base.DEC);
            o.endCall();
        });
    }

    /**
     * A value strace prints as a C expression ({@code htons(80)}): the expression under -X abbrev,
     * its raw form under raw, and both under verbose, the expression in a comment.
     */
    private static void styledForm(ValueWriter out, DecodeContext ctx, Consumer<ValueWriter> raw,
                                   Consumer<ValueWriter> expression) {
        if (XlatFormat.abbrev()) {
            expression.accept(out);
            return;
        }
        raw.accept(out);
        if (XlatFormat.verbose()) {
            StringBuilder comment = new StringBuilder();
            XlatFormat.namesOnly(comment, s -> expression.accept(new TextWriter(s, ctx.hex())));
            out.comment(comment.toString());
        }
    }

    /**
     * Bytes in network order as strace shows them under -X raw and verbose: a string of
     * {@code \xHH} escapes, {@code "\x30\x39"}.
     */
    private static String hexBytes(ByteBuffer b, int at, int length) {
        StringBuilder s = new StringBuilder();
        Quoting.quoteBytes(s, b.array(), at, length, HexStyle.ALL);
        return s.toString();
    }

    private static void inet6(ValueWriter out, ByteBuffer b, int size, DecodeContext ctx) {
        out.field("sin6_port");
        port(out, b, ctx);
        out.field("sin6_flowinfo");
        long flowinfo = Integer.toUnsignedLong(Integer.reverseBytes(b.getInt(4)));
        styledForm(out, ctx, o -> o.symbol(hexBytes(b, 4, 4), flowinfo), o -> {
            o.beginCall("htonl");
            o.integer(flowinfo, ValueWriter.Base.DEC);
            o.endCall();
        });
        inet6Address(out, b, 8, "sin6_addr", ctx);
        if (size > SIN6_MIN) {
            long scope = Integer.toUnsignedLong(b.getInt(24));
            out.field("sin6_scope_id");
            int first = (b.get(8) & 0xff) << 8 | (b.get(9) & 0xff);
            boolean linkLocal = (first & 0xffc0) == 0xfe80 || (first & 0xff0f) == 0xff02;
            String name = linkLocal ? interfaceName((int) scope) : null;
            if (name != null) {
                ifname(out, scope, name, ctx);
            } else {
                out.integer(scope, ValueWriter.Base.DEC);
            }
        }
    }

    /** An interface index that has a name: {@code if_nametoindex("lo")}, in the -X style in force. */
    private static void ifname(ValueWriter out, long index, String name, DecodeContext ctx) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        styledForm(out, ctx, o -> o.integer(index, ValueWriter.Base.DEC), o -> {
            o.beginCall("if_nametoindex");
            o.string(bytes, 0, bytes.length, false);
            o.endCall();
        });
    }

    /** The name of the interface of index {@code index} (unsigned), or null when none has it. */
    static String interfaceName(int index) {
        if (index <= 0) {
            return null; // the kernel's indexes are positive ints; Java refuses the others
        }
        try {
            NetworkInterface ni = NetworkInterface.getByIndex(index);
            return ni == null ? null : ni.getName();
        } catch (SocketException e) {
            return null;
        }
    }

    private static void netlink(ValueWriter out, ByteBuffer b) {
        int groups = b.getInt(8);
        int pad = b.getShort(2) & 0xffff;
        if (pad != 0) {
            out.field("nl_pad");
            out.integer(pad, ValueWriter.Base.HEX);
        }
        out.field("nl_pid");
        if (b.getInt(4) > 0) {
            PidNames.write(out, b.getInt(4)); // a port id, named like a pid as strace names it
        } else {
            out.integer(Integer.toUnsignedLong(b.getInt(4)), ValueWriter.Base.DEC);
        }
        out.field("nl_groups");
        // C's %#08x, which no integer base spells: the 0x prefix counts in the width, and zero has none.
        String digits = Integer.toHexString(groups);
        out.literal(groups == 0 ? "00000000" : "0x" + "0".repeat(Math.max(0, 6 - digits.length())) + digits);
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
