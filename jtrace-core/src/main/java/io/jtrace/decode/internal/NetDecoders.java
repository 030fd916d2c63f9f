package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Errno;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Sockets, as strace's {@code src/net.c} prints them: socket, bind, accept, sendto, the socket
 * options and their kin. Registers the family's other decoders too ({@link PollDecoders},
 * {@link DescriptorDecoders}); addresses are {@link SockaddrDecoder}'s.
 */
final class NetDecoders {
    private static final int AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    private static final int SOCK_TYPE_MASK = 0xf;
    private static final int SOL_IP = 0, SOL_SOCKET = 1, SOL_TCP = 6, SOL_IPV6 = 41, SOL_NETLINK = 270;
    private static final int NETLINK_LIST_MEMBERSHIPS = 9;
    private static final int SO_ERROR = 4, SO_LINGER = 13, SO_PEERCRED = 17, SO_TXREHASH = 74;
    /**
     * The SOL_SOCKET options strace's getsockopt knows to be ints: shown as one whatever the length
     * returned, as long as it holds one. Others are an int only when the length is exactly one's.
     */
    private static final Set<String> INT_OPTIONS = Set.of("SO_DEBUG", "SO_REUSEADDR", "SO_DONTROUTE",
            "SO_BROADCAST", "SO_SNDBUF", "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY",
            "SO_BSDCOMPAT", "SO_REUSEPORT", "SO_PASSCRED", "SO_RCVLOWAT", "SO_SNDLOWAT", "SO_DETACH_FILTER",
            "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN", "SO_SNDBUFFORCE", "SO_RCVBUFFORCE", "SO_PASSSEC",
            "SO_TIMESTAMPNS_OLD", "SO_MARK", "SO_TIMESTAMPING_OLD", "SO_RXQ_OVFL", "SO_WIFI_STATUS", "SO_PEEK_OFF",
            "SO_NOFCS", "SO_LOCK_FILTER", "SO_SELECT_ERR_QUEUE", "SO_BUSY_POLL", "SO_INCOMING_CPU",
            "SO_CNX_ADVICE", "SO_INCOMING_NAPI_ID", "SO_ZEROCOPY", "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW",
            "SO_TIMESTAMPING_NEW", "SO_DETACH_REUSEPORT_BPF", "SO_PREFER_BUSY_POLL", "SO_BUSY_POLL_BUDGET",
            "SO_RESERVE_MEM", "SO_RCVMARK");
    private static final int IP_ADD_MEMBERSHIP = 35, IP_DROP_MEMBERSHIP = 36;
    private static final int IPV6_ADD_MEMBERSHIP = 20, IPV6_DROP_MEMBERSHIP = 21, IPV6_JOIN_ANYCAST = 27,
            IPV6_LEAVE_ANYCAST = 28;
    /** sizeof(int), struct linger, struct ucred, struct ip_mreq, struct ipv6_mreq. */
    private static final int INT = 4, LINGER = 8, UCRED = 12, IP_MREQ = 8, IPV6_MREQ = 20;

    private NetDecoders() {}

    static void register(Registry r) {
        // socket's domain has all 64 bits (see the table), but its name is of the low 32
        r.arg("addrfam", (out, v, call, ctx) -> XlatFormat.value(out, Xlat.get("addrfams"), v & 0xffffffffL));
        r.arg("shutdown_how", (out, v, call, ctx) -> XlatFormat.value(out, Xlat.get("shutdown_modes"), v));
        r.arg("sock_type", (out, v, call, ctx) -> sockType(out, (int) v));
        r.arg("sock_protocol", (out, v, call, ctx) -> protocol(out, call.arg(0), v));
        r.arg("sockaddr_len2", (out, v, call, ctx) -> SockaddrDecoder.sockaddr(out, v, (int) call.arg(2), ctx));
        r.arg("sockaddr_len5", (out, v, call, ctx) -> SockaddrDecoder.sockaddr(out, v, (int) call.arg(5), ctx));
        r.call("accept", new SockName(false));
        r.call("accept4", new SockName(true));
        r.call("getsockname", new SockName(false));
        r.call("getpeername", new SockName(false));
        r.call("recvfrom", new RecvFrom());
        r.call("setsockopt", new SetSockOpt());
        r.call("getsockopt", new GetSockOpt());
    }

    /** The type by name, then its flags: {@code SOCK_STREAM|SOCK_CLOEXEC}, one symbol. */
    private static void sockType(ValueWriter out, int type) {
        String name = Xlat.get("socktypes").nameOf(type & SOCK_TYPE_MASK);
        long flags = Integer.toUnsignedLong(type);
        if (name == null) {
            XlatFormat.flags(out, Xlat.get("sock_type_flags"), flags);
            return;
        }
        StringBuilder text = new StringBuilder();
        XlatFormat.value(text, Xlat.get("socktypes"), type & SOCK_TYPE_MASK);
        flags &= ~SOCK_TYPE_MASK;
        if (flags != 0) {
            text.append('|');
            XlatFormat.flags(text, Xlat.get("sock_type_flags"), flags);
        }
        out.symbol(text.toString(), Integer.toUnsignedLong(type));
    }

    /**
     * The protocol, named from the table of the family, or as a number. strace chooses the table by
     * all 64 bits of the domain's register and prints an unnamed protocol with all 64 bits of its own.
     */
    private static void protocol(ValueWriter out, long domain, long protocol) {
        int family = domain == (int) domain && domain >= 0 ? (int) domain : -1;
        switch (family) {
            case AF_INET, AF_INET6 -> XlatFormat.value(out, Xlat.get("inet_protocols"), protocol & 0xffffffffL);
            case AF_NETLINK -> XlatFormat.value(out, Xlat.get("netlink_protocols"), protocol & 0xffffffffL);
            default -> out.integer(protocol, ValueWriter.Base.UDEC);
        }
    }

    /** {@code [N]} as the call left it, or {@code [OFFERED => N]} when it changed. */
    private static void lengths(ValueWriter out, int offered, int returned) {
        out.beginArray();
        out.integer(offered, ValueWriter.Base.DEC);
        if (offered != returned) {
            out.changed();
            out.integer(returned, ValueWriter.Base.DEC);
        }
        out.endArray();
    }

    /** {@code [N]}: the length offered, when the call stored none. */
    private static void offered(ValueWriter out, int offered) {
        out.beginArray();
        out.integer(offered, ValueWriter.Base.DEC);
        out.endArray();
    }

    /** The int at {@code address}, or null when the address or the int is not there. */
    private static Integer readInt(long address, DecodeContext ctx) {
        ByteBuffer b = address == 0 ? null : ctx.readStruct(address, INT);
        return b == null ? null : b.getInt(0);
    }

    /** An address whose memory was to be read: NULL, or unreadable. */
    private static void unread(ValueWriter out, long address) {
        if (address == 0) {
            out.pointer(0);
        } else {
            out.unreadable(address);
        }
    }

    /**
     * accept, accept4, getsockname, getpeername (fd, addr, addrlen[, flags]): the address the kernel
     * stored and the lengths before and after, or both pointers when the length is unreadable.
     */
    private record SockName(boolean withFlags) implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            Integer offered = call.arg(1) == 0 ? null : readInt(call.arg(2), ctx);
            if (offered == null) {
                out.pointer(call.arg(1));
                if (call.arg(1) == 0) {
                    out.pointer(call.arg(2));
                } else {
                    unread(out, call.arg(2));
                }
                flags(out, call);
            } else {
                call.saved().put(offered);
                out.separator();
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            // The length offered at entry: the kernel has overwritten it since.
            Integer offered = call.saved().has() ? (int) call.saved().get() : null;
            if (offered != null) {
                Integer returned = call.isError() ? null : readInt(call.arg(2), ctx);
                if (returned == null) {
                    out.pointer(call.arg(1));
                    offered(out, offered);
                } else {
                    SockaddrDecoder.sockaddr(out, call.arg(1), Math.min(offered, returned), ctx);
                    lengths(out, offered, returned);
                }
                flags(out, call);
            }
        }

        private void flags(ValueWriter out, Call call) {
            if (withFlags) {
                XlatFormat.flags(out, Xlat.get("sock_type_flags"), call.arg(3));
            }
        }
    }

    /** recvfrom(fd, buf, size, flags, addr, addrlen): the data received, then the sender's address. */
    private static final class RecvFrom implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            Integer offered = call.arg(4) == 0 ? null : readInt(call.arg(5), ctx);
            if (offered != null) {
                call.saved().put(offered);
            }
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            // The length offered at entry: the kernel has overwritten it since.
            Integer offered = call.saved().has() ? (int) call.saved().get() : null;
            if (call.isError()) {
                out.pointer(call.arg(1));
            } else {
                // No more than the buffer holds: with MSG_TRUNC the call returns the datagram's length.
                long size = call.arg(2);
                ctx.data(out, call.arg(1), Long.compareUnsigned(call.rval(), size) < 0 ? call.rval() : size);
            }
            out.integer(call.arg(2), ValueWriter.Base.UDEC);
            XlatFormat.flags(out, Xlat.get("msg_flags"), call.arg(3));
            Integer returned = call.arg(4) == 0 ? null : readInt(call.arg(5), ctx);
            if (returned == null || offered == null) {
                out.pointer(call.arg(4));
                if (call.arg(4) == 0) {
                    out.pointer(call.arg(5));
                } else {
                    unread(out, call.arg(5));
                }
            } else if (call.isError()) {
                out.pointer(call.arg(4));
                offered(out, offered);
            } else {
                SockaddrDecoder.sockaddr(out, call.arg(4), Math.min(offered, returned), ctx);
                lengths(out, offered, returned);
            }
        }
    }

    /**
     * Data of {@code length} bytes in hex whatever -x says, as strace prints the option values it
     * does not decode: the quoted text is strace's own form, so one literal.
     */
    private static void hexBuffer(ValueWriter out, long address, long length, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        int want = Long.compareUnsigned(length, ctx.stringLimit()) > 0 ? ctx.stringLimit() + 1 : (int) length;
        ByteBuffer b = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address, want);
        if (b == null) {
            out.unreadable(address);
            return;
        }
        StringBuilder text = new StringBuilder();
        Quoting.quoteBuffer(text, b.array(), 0, length, ctx.stringLimit(), HexStyle.ALL);
        out.literal(text.toString());
    }

    /** fd, level, option name by the level's table. */
    private static void levelAndName(ValueWriter out, Call call, DecodeContext ctx) {
        int level = (int) call.arg(1);
        long name = call.arg(2);
        ctx.fd(out, (int) call.arg(0));
        XlatFormat.value(out, Xlat.get("socketlayers"), Integer.toUnsignedLong(level));
        String table = switch (level) {
            case SOL_SOCKET -> "sock_options";
            case SOL_IP -> "sock_ip_options";
            case SOL_IPV6 -> "sock_ipv6_options";
            case SOL_TCP -> "sock_tcp_options";
            case SOL_NETLINK -> "sock_netlink_options";
            default -> null;
        };
        if (table == null) {
            out.integer(name, ValueWriter.Base.DEC);
        } else {
            XlatFormat.value(out, Xlat.get(table), name);
        }
    }

    /** The int at {@code address} as {@code [N]}; NULL, or the address when unreadable. */
    private static void intAt(ValueWriter out, long address, DecodeContext ctx) {
        Integer v = readInt(address, ctx);
        if (v == null) {
            unread(out, address);
        } else {
            out.beginArray();
            out.integer(v, ValueWriter.Base.DEC);
            out.endArray();
        }
    }

    private static void linger(ValueWriter out, ByteBuffer b) {
        out.beginStruct();
        out.field("l_onoff");
        out.integer(b.getInt(0), ValueWriter.Base.DEC);
        out.field("l_linger");
        out.integer(b.getInt(4), ValueWriter.Base.DEC);
        out.endStruct();
    }

    /** A user or group id: -1 (unchanged) as -1, any other value unsigned. */
    static void id(ValueWriter out, int id) {
        out.integer(id == -1 ? -1 : Integer.toUnsignedLong(id), ValueWriter.Base.DEC);
    }

    /** struct ucred at {@code at} in {@code b}: {@code {pid=1, uid=0, gid=0}}. */
    static void ucred(ValueWriter out, ByteBuffer b, int at) {
        out.beginStruct();
        out.field("pid");
        PidNames.write(out, b.getInt(at));
        out.field("uid");
        id(out, b.getInt(at + 4));
        out.field("gid");
        id(out, b.getInt(at + 8));
        out.endStruct();
    }

    /**
     * SO_TXREHASH's int, {@code [SOCK_TXREHASH_ENABLED]}: by name, else in decimal with the table's
     * comment, as strace's printxval_d.
     */
    private static void txrehash(ValueWriter out, long address, DecodeContext ctx) {
        Integer v = readInt(address, ctx);
        if (v == null) {
            unread(out, address);
            return;
        }
        Xlat table = Xlat.get("sockopt_txrehash_vals");
        String name = table.nameOf(v);
        out.beginArray();
        if (name != null) {
            XlatFormat.styled(out, v, Integer.toString(v), o -> o.append(name));
        } else {
            out.integer(v, ValueWriter.Base.DEC);
            if (!XlatFormat.raw()) {
                out.comment(table.unknown());
            }
        }
        out.endArray();
    }

    /** Whether the option is a SOL_SOCKET one strace knows to be an int, or any SOL_NETLINK one (setsockopt's). */
    private static boolean intOption(Call call) {
        int level = (int) call.arg(1);
        if (level == SOL_NETLINK) {
            return true;
        }
        String option = level == SOL_SOCKET ? Xlat.get("sock_options").nameOf(call.arg(2) & 0xffffffffL) : null;
        return option != null && INT_OPTIONS.contains(option);
    }

    /** Whether setsockopt joins or leaves a group: its value a struct ip_mreq or ipv6_mreq. */
    private static boolean membership(Call call) {
        int name = (int) call.arg(2);
        return switch ((int) call.arg(1)) {
            case SOL_IP -> name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP;
            case SOL_IPV6 -> name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP
                    || name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST;
            default -> false;
        };
    }

    /**
     * struct ip_mreq (group, then interface address) or struct ipv6_mreq (group, then interface
     * index); the address when the length is shorter.
     */
    private static void mreq(ValueWriter out, long address, int length, boolean ipv6, DecodeContext ctx) {
        int size = ipv6 ? IPV6_MREQ : IP_MREQ;
        if (length < size) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readStruct(address, size);
        if (b == null) {
            out.unreadable(address);
            return;
        }
        out.beginStruct();
        if (ipv6) {
            SockaddrDecoder.inet6Address(out, b, 0, "ipv6mr_multiaddr", ctx);
            out.field("ipv6mr_interface");
            SockaddrDecoder.ifindex(out, b.getInt(16), ctx);
        } else {
            SockaddrDecoder.inetAddress(out, b, 0, "imr_multiaddr", ctx);
            SockaddrDecoder.inetAddress(out, b, 4, "imr_interface", ctx);
        }
        out.endStruct();
    }

    /** setsockopt(fd, level, name, value, length): an int or a struct linger when long enough. */
    private static final class SetSockOpt implements EntryDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            levelAndName(out, call, ctx);
            long value = call.arg(3);
            int length = (int) call.arg(4);
            boolean isLinger = (int) call.arg(1) == SOL_SOCKET && (int) call.arg(2) == SO_LINGER;
            // Without -e verbose= for the call, strace shows no option's value, only its address.
            if (value == 0 || !ctx.dereference()) {
                out.pointer(value);
            } else if (isLinger) {
                ByteBuffer b = length < LINGER ? null : ctx.readStruct(value, LINGER);
                if (b != null) {
                    linger(out, b);
                } else if (length < LINGER) {
                    out.pointer(value);
                } else {
                    out.unreadable(value);
                }
            } else if (membership(call)) {
                mreq(out, value, length, (int) call.arg(1) == SOL_IPV6, ctx);
            } else if ((int) call.arg(1) == SOL_SOCKET && (int) call.arg(2) == SO_TXREHASH && length >= INT) {
                txrehash(out, value, ctx);
            } else if (intOption(call) || (int) call.arg(1) == SOL_SOCKET && (int) call.arg(2) == SO_TXREHASH) {
                if (length < INT) {
                    out.pointer(value);
                } else {
                    intAt(out, value, ctx);
                }
            } else if (length == INT) {
                intAt(out, value, ctx);
            } else if (length < 0) {
                out.pointer(value);
            } else {
                // Any other option's value is data, as strace's printstrn shows it.
                ctx.data(out, value, length);
            }
            out.integer(length, ValueWriter.Base.DEC);
        }
    }

    /**
     * getsockopt(fd, level, name, value, length): what the kernel stored, as an int, a structure or
     * hex bytes by the length it returned, then the lengths offered and returned.
     */
    private static final class GetSockOpt implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            levelAndName(out, call, ctx);
            Integer offered = readInt(call.arg(4), ctx);
            if (offered == null) {
                out.pointer(call.arg(3));
                unread(out, call.arg(4));
            } else {
                call.saved().put(offered);
                out.separator();
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            // The length offered at entry: the kernel has overwritten it since.
            Integer offered = call.saved().has() ? (int) call.saved().get() : null;
            if (offered != null) {
                Integer returned = call.isError() ? null : readInt(call.arg(4), ctx);
                if (returned == null) {
                    out.pointer(call.arg(3));
                    offered(out, offered);
                } else {
                    value(out, call, offered, returned, ctx);
                    lengths(out, offered, returned);
                }
            }
        }

        private static void value(ValueWriter out, Call call, int offered, int length, DecodeContext ctx) {
            long address = call.arg(3);
            // Lengths the kernel neither takes nor returns: strace shows the address only.
            if (address == 0 || offered <= 0 || length <= 0) {
                out.pointer(address);
                return;
            }
            if ((int) call.arg(1) == SOL_NETLINK && offered > 0 && length > 0) {
                // Every netlink option is an int whatever the length, but the groups list, an
                // array of as many unsigned ints as both lengths hold.
                if ((int) call.arg(2) == NETLINK_LIST_MEMBERSHIPS) {
                    long count = Math.min(offered, length) / INT;
                    if (count == 0) {
                        out.beginArray();
                        out.endArray();
                    } else {
                        ArrayPrinter.write(out, address, count, INT, ArrayPrinter.shown(count, ctx), ctx,
                                (o, e, i) -> o.integer(Integer.toUnsignedLong(e.getInt(0)), ValueWriter.Base.DEC));
                    }
                } else {
                    intAt(out, address, ctx);
                }
                return;
            }
            if ((int) call.arg(1) == SOL_SOCKET) {
                switch ((int) call.arg(2)) {
                    case SO_LINGER -> {
                        getLinger(out, address, length, ctx);
                        return;
                    }
                    case SO_PEERCRED -> {
                        getUcred(out, address, length, ctx);
                        return;
                    }
                    case SO_ERROR -> {
                        error(out, address, length, ctx);
                        return;
                    }
                    case SO_TXREHASH -> {
                        if (length < INT) {
                            hexBuffer(out, address, length, ctx);
                        } else {
                            txrehash(out, address, ctx);
                        }
                        return;
                    }
                    default -> {
                        if (intOption(call)) {
                            // An int, however long the buffer; shorter than one, its bytes in hex.
                            if (length >= INT) {
                                intAt(out, address, ctx);
                            } else {
                                hexBuffer(out, address, length, ctx);
                            }
                            return;
                        }
                    }
                }
            }
            if (length == INT) {
                intAt(out, address, ctx);
            } else if (length > 0) {
                ctx.data(out, address, length);
            } else {
                out.pointer(address);
            }
        }

        /** SO_ERROR: {@code [ECONNREFUSED]}, in the -X style in force; shorter than an int, hex bytes. */
        private static void error(ValueWriter out, long address, int length, DecodeContext ctx) {
            if (length < INT) {
                hexBuffer(out, address, length, ctx);
                return;
            }
            Integer err = readInt(address, ctx);
            if (err == null) {
                unread(out, address);
                return;
            }
            String name = Errno.byNumber(err).filter(Errno::knownToStrace61).map(Errno::name).orElse(null);
            long number = Integer.toUnsignedLong(err);
            out.beginArray();
            if (name == null) {
                out.integer(number, ValueWriter.Base.DEC);
            } else {
                XlatFormat.styled(out, number, Long.toString(number), o -> o.append(name));
            }
            out.endArray();
        }

        /**
         * A struct ucred, or as much of it as the kernel returned: the members it holds whole, then
         * the bytes of the one it holds in part in hex.
         */
        private static void getUcred(ValueWriter out, long address, int length, DecodeContext ctx) {
            if (length <= 0) {
                out.pointer(address);
                return;
            }
            int size = Math.min(length, UCRED);
            ByteBuffer b = ctx.readStruct(address, size);
            if (b == null) {
                out.unreadable(address);
                return;
            }
            out.beginStruct();
            String[] names = {"pid", "uid", "gid"};
            for (int i = 0, at = 0; i < names.length && size > at; i++, at += INT) {
                out.field(names[i]);
                if (size < at + INT) {
                    StringBuilder bytes = new StringBuilder();
                    Quoting.quoteBytes(bytes, b.array(), at, size - at, HexStyle.ALL);
                    out.literal(bytes.toString());
                } else if (i == 0) {
                    PidNames.write(out, b.getInt(at));
                } else {
                    id(out, b.getInt(at));
                }
            }
            out.endStruct();
        }

        /** A struct linger, or as much of it as the kernel returned: l_onoff, then l_linger, in hex when partial. */
        private static void getLinger(ValueWriter out, long address, int length, DecodeContext ctx) {
            if (length >= LINGER) {
                ByteBuffer b = ctx.readStruct(address, LINGER);
                if (b == null) {
                    out.unreadable(address);
                } else {
                    linger(out, b);
                }
                return;
            }
            if (length <= 0) {
                out.pointer(address);
                return;
            }
            out.beginStruct();
            out.field("l_onoff");
            if (length < INT) {
                hexBuffer(out, address, length, ctx);
            } else {
                Integer onoff = readInt(address, ctx);
                if (onoff == null) {
                    out.unreadable(address);
                } else {
                    out.integer(onoff, ValueWriter.Base.DEC);
                }
                if (length > INT) {
                    out.field("l_linger");
                    hexBuffer(out, address + INT, length - INT, ctx);
                }
            }
            out.endStruct();
        }
    }
}
