package io.jtrace.decode;

import io.jtrace.abi.Registers;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

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
    private static final int SO_LINGER = 13, SO_PEERCRED = 17;
    private static final int INT = 4, LINGER = 8, UCRED = 12;

    private NetDecoders() {}

    static void register(Registry r) {
        // socket's domain has all 64 bits (see the table), but its name is of the low 32
        r.textArg("addrfam", (out, v, call, ctx) -> XlatFormat.value(out, Xlat.get("addrfams"), v & 0xffffffffL));
        r.textArg("shutdown_how", (out, v, call, ctx) -> XlatFormat.value(out, Xlat.get("shutdown_modes"), v));
        r.textArg("sock_type", (out, v, call, ctx) -> sockType(out, (int) v));
        r.textArg("sock_protocol", (out, v, call, ctx) -> protocol(out, call.arg(0), v));
        r.textArg("sockaddr_len2", (out, v, call, ctx) -> SockaddrDecoder.sockaddr(out, v, (int) call.arg(2), ctx));
        r.textArg("sockaddr_len5", (out, v, call, ctx) -> SockaddrDecoder.sockaddr(out, v, (int) call.arg(5), ctx));
        r.textCall("accept", new SockName(false));
        r.textCall("accept4", new SockName(true));
        r.textCall("getsockname", new SockName(false));
        r.textCall("getpeername", new SockName(false));
        r.textCall("recvfrom", new RecvFrom());
        r.textCall("setsockopt", new SetSockOpt());
        r.textCall("getsockopt", new GetSockOpt());
    }

    /** The type by name, then its flags: {@code SOCK_STREAM|SOCK_CLOEXEC}. */
    private static void sockType(StringBuilder out, int type) {
        String name = Xlat.get("socktypes").nameOf(type & SOCK_TYPE_MASK);
        long flags = Integer.toUnsignedLong(type);
        if (name != null) {
            XlatFormat.value(out, Xlat.get("socktypes"), type & SOCK_TYPE_MASK);
            flags &= ~SOCK_TYPE_MASK;
            if (flags == 0) {
                return;
            }
            out.append('|');
        }
        XlatFormat.flags(out, Xlat.get("sock_type_flags"), flags);
    }

    /**
     * The protocol, named from the table of the family, or as a number. strace chooses the table by
     * all 64 bits of the domain's register and prints an unnamed protocol with all 64 bits of its own.
     */
    private static void protocol(StringBuilder out, long domain, long protocol) {
        int family = domain == (int) domain && domain >= 0 ? (int) domain : -1;
        switch (family) {
            case AF_INET, AF_INET6 -> XlatFormat.value(out, Xlat.get("inet_protocols"), protocol & 0xffffffffL);
            case AF_NETLINK -> XlatFormat.value(out, Xlat.get("netlink_protocols"), protocol & 0xffffffffL);
            default -> out.append(Long.toUnsignedString(protocol));
        }
    }

    /** {@code [N]} as the call left it, or {@code [OFFERED => N]} when it changed. */
    private static void lengths(StringBuilder out, int offered, int returned) {
        out.append('[').append(offered);
        if (offered != returned) {
            out.append(" => ").append(returned);
        }
        out.append(']');
    }

    /** The int at {@code address}, or null when the address or the int is not there. */
    private static Integer readInt(long address, DecodeContext ctx) {
        ByteBuffer b = address == 0 ? null : ctx.read(address, INT);
        return b == null ? null : b.getInt(0);
    }

    /**
     * accept, accept4, getsockname, getpeername (fd, addr, addrlen[, flags]): the address the kernel
     * stored and the lengths before and after, or both pointers when the length is unreadable.
     */
    private record SockName(boolean withFlags) implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            out.append(", ");
            Integer offered = call.arg(1) == 0 ? null : readInt(call.arg(2), ctx);
            if (offered == null) {
                DecodeContext.address(out, call.arg(1));
                out.append(", ");
                DecodeContext.address(out, call.arg(2));
                flags(out, call);
            } else {
                call.saved().put(offered);
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            // The length offered at entry: the kernel has overwritten it since.
            Integer offered = call.saved().has() ? (int) call.saved().get() : null;
            if (offered != null) {
                Integer returned = call.isError() ? null : readInt(call.arg(2), ctx);
                if (returned == null) {
                    DecodeContext.address(out, call.arg(1));
                    out.append(", [").append(offered).append(']');
                } else {
                    SockaddrDecoder.sockaddr(out, call.arg(1), Math.min(offered, returned), ctx);
                    out.append(", ");
                    lengths(out, offered, returned);
                }
                flags(out, call);
            }
            out.append(')');
        }

        private void flags(StringBuilder out, Call call) {
            if (withFlags) {
                out.append(", ");
                XlatFormat.flags(out, Xlat.get("sock_type_flags"), call.arg(3));
            }
        }
    }

    /** recvfrom(fd, buf, size, flags, addr, addrlen): the data received, then the sender's address. */
    private static final class RecvFrom implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            out.append(", ");
            Integer offered = call.arg(4) == 0 ? null : readInt(call.arg(5), ctx);
            if (offered != null) {
                call.saved().put(offered);
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            // The length offered at entry: the kernel has overwritten it since.
            Integer offered = call.saved().has() ? (int) call.saved().get() : null;
            if (call.isError()) {
                DecodeContext.address(out, call.arg(1));
            } else {
                buffer(out, call.arg(1), call.rval(), ctx);
            }
            out.append(", ").append(Long.toUnsignedString(call.arg(2))).append(", ");
            XlatFormat.flags(out, Xlat.get("msg_flags"), call.arg(3));
            out.append(", ");
            Integer returned = call.arg(4) == 0 ? null : readInt(call.arg(5), ctx);
            if (returned == null || offered == null) {
                DecodeContext.address(out, call.arg(4));
                out.append(", ");
                DecodeContext.address(out, call.arg(5));
            } else if (call.isError()) {
                DecodeContext.address(out, call.arg(4));
                out.append(", [").append(offered).append(']');
            } else {
                SockaddrDecoder.sockaddr(out, call.arg(4), Math.min(offered, returned), ctx);
                out.append(", ");
                lengths(out, offered, returned);
            }
            out.append(')');
        }
    }

    /** Data of {@code length} bytes, shortened to -s, or its address when unreadable. */
    static void buffer(StringBuilder out, long address, long length, DecodeContext ctx) {
        buffer(out, address, length, ctx, ctx.hex());
    }

    private static void buffer(StringBuilder out, long address, long length, DecodeContext ctx, Quoting.HexStyle hex) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int want = (int) Math.min(length, ctx.stringLimit() + 1L);
        ByteBuffer b = want <= 0 ? ByteBuffer.allocate(0) : ctx.read(address, want);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        Quoting.quoteBuffer(out, b.array(), 0, length, ctx.stringLimit(), hex);
    }

    /** fd, level, option name by the level's table. */
    private static void levelAndName(StringBuilder out, Call call, DecodeContext ctx) {
        int level = (int) call.arg(1);
        long name = call.arg(2);
        ctx.fd(out, (int) call.arg(0));
        out.append(", ");
        XlatFormat.value(out, Xlat.get("socketlayers"), Integer.toUnsignedLong(level));
        out.append(", ");
        String table = switch (level) {
            case SOL_SOCKET -> "sock_options";
            case SOL_IP -> "sock_ip_options";
            case SOL_IPV6 -> "sock_ipv6_options";
            case SOL_TCP -> "sock_tcp_options";
            case SOL_NETLINK -> "sock_netlink_options";
            default -> null;
        };
        if (table == null) {
            out.append(name);
        } else {
            XlatFormat.value(out, Xlat.get(table), name);
        }
    }

    /** The int at {@code address} as {@code [N]}; NULL, or the address when unreadable. */
    private static void intAt(StringBuilder out, long address, DecodeContext ctx) {
        Integer v = readInt(address, ctx);
        if (v == null) {
            DecodeContext.address(out, address);
        } else {
            out.append('[').append(v).append(']');
        }
    }

    private static void linger(StringBuilder out, ByteBuffer b) {
        out.append("{l_onoff=").append(b.getInt(0)).append(", l_linger=").append(b.getInt(4)).append('}');
    }

    /** setsockopt(fd, level, name, value, length): an int or a struct linger when long enough. */
    private static final class SetSockOpt implements TextEntryDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            levelAndName(out, call, ctx);
            out.append(", ");
            long value = call.arg(3);
            int length = (int) call.arg(4);
            boolean isLinger = (int) call.arg(1) == SOL_SOCKET && (int) call.arg(2) == SO_LINGER;
            if (value == 0) {
                out.append("NULL");
            } else if (isLinger) {
                ByteBuffer b = length < LINGER ? null : ctx.read(value, LINGER);
                if (b == null) {
                    DecodeContext.address(out, value);
                } else {
                    linger(out, b);
                }
            } else if (length < INT) {
                DecodeContext.address(out, value);
            } else {
                intAt(out, value, ctx);
            }
            out.append(", ").append(length);
        }
    }

    /**
     * getsockopt(fd, level, name, value, length): what the kernel stored, as an int, a structure or
     * hex bytes by the length it returned, then the lengths offered and returned.
     */
    private static final class GetSockOpt implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            levelAndName(out, call, ctx);
            Integer offered = readInt(call.arg(4), ctx);
            if (offered == null) {
                out.append(", ");
                DecodeContext.address(out, call.arg(3));
                out.append(", ");
                DecodeContext.address(out, call.arg(4));
            } else {
                call.saved().put(offered);
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            // The length offered at entry: the kernel has overwritten it since.
            Integer offered = call.saved().has() ? (int) call.saved().get() : null;
            if (offered != null) {
                out.append(", ");
                Integer returned = call.isError() ? null : readInt(call.arg(4), ctx);
                if (returned == null) {
                    DecodeContext.address(out, call.arg(3));
                    out.append(", [").append(offered).append(']');
                } else {
                    value(out, call, offered, returned, ctx);
                    out.append(", ");
                    lengths(out, offered, returned);
                }
            }
            out.append(')');
        }

        private static void value(StringBuilder out, Call call, int offered, int length, DecodeContext ctx) {
            long address = call.arg(3);
            if (address == 0) {
                out.append("NULL");
                return;
            }
            if ((int) call.arg(1) == SOL_NETLINK && offered > 0 && length > 0) {
                // Every netlink option is an int whatever the length, but the groups list, an
                // array of as many unsigned ints as both lengths hold.
                if ((int) call.arg(2) == NETLINK_LIST_MEMBERSHIPS) {
                    long count = Math.min(offered, length) / INT;
                    if (count == 0) {
                        out.append("[]");
                    } else {
                        ArrayPrinter.print(out, address, count, INT, ArrayPrinter.shown(count, ctx), ctx,
                                (o, e, i) -> o.append(Integer.toUnsignedString(e.getInt(0))));
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
                        ByteBuffer b = length < UCRED ? null : ctx.read(address, UCRED);
                        if (b == null) {
                            DecodeContext.address(out, address);
                        } else {
                            out.append("{pid=").append(b.getInt(0)).append(", uid=");
                            FileDecoders.id(out, b.getInt(4));
                            out.append(", gid=");
                            FileDecoders.id(out, b.getInt(8));
                            out.append('}');
                        }
                        return;
                    }
                    default -> { }
                }
            }
            if (length == INT) {
                intAt(out, address, ctx);
            } else if (length > 0) {
                buffer(out, address, length, ctx, Quoting.HexStyle.ALL);
            } else {
                DecodeContext.address(out, address);
            }
        }

        /** A struct linger, or as much of it as the kernel returned: l_onoff, then l_linger, in hex when partial. */
        private static void getLinger(StringBuilder out, long address, int length, DecodeContext ctx) {
            if (length >= LINGER) {
                ByteBuffer b = ctx.read(address, LINGER);
                if (b == null) {
                    DecodeContext.address(out, address);
                } else {
                    linger(out, b);
                }
                return;
            }
            if (length <= 0) {
                DecodeContext.address(out, address);
                return;
            }
            out.append("{l_onoff=");
            if (length < INT) {
                buffer(out, address, length, ctx, Quoting.HexStyle.ALL);
            } else {
                Integer onoff = readInt(address, ctx);
                out.append(onoff);
                if (length > INT) {
                    out.append(", l_linger=");
                    buffer(out, address + INT, length - INT, ctx, Quoting.HexStyle.ALL);
                }
            }
            out.append('}');
        }
    }
}
