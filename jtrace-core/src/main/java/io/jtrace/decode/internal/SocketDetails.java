package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;

import io.jtrace.syscalls.Xlat;

import java.util.List;

/**
 * What {@code -yy} prints inside {@code <...>} for a socket: its protocol and addresses, such as
 * {@code TCP:[127.0.0.1:40000->127.0.0.1:5432]}, {@code UNIX-STREAM:[178967->178968]} or
 * {@code UNIX-STREAM:[178969->178967,"/run/x.sock"]}.
 *
 * <p>Found as strace 6.1 finds them: by asking NETLINK_SOCK_DIAG, in jtrace's own network
 * namespace as strace asks in its own, for the socket's inode among the sockets of the protocol the
 * socket's {@code system.sockprotoname} names (among those of every protocol below when it names
 * none of them). Details once found are kept per inode exactly as strace keeps them, in 1024 slots
 * indexed by the inode's low bits and never refreshed, because strace's output depends on that: a
 * UDP socket bound and then connected goes on printing its bound form until another socket takes
 * its slot, and a unix client shown before its connection was accepted goes on without its peer.
 */
final class SocketDetails {
    private static final int SLOTS = 1024;

    private final long[] cachedInode = new long[SLOTS];
    private final String[] cachedDetails = new String[SLOTS];

    /**
     * Sends one NETLINK_SOCK_DIAG request and returns the reply's messages, as
     * {@code SocketQueries.netlinkDump} does; none when the request could not be made.
     */
    @FunctionalInterface
    interface SockDiagQuery {
        List<byte[]> send(byte[] request);
    }

    private enum Kind { UNIX, INET, NETLINK }

    /** strace 6.1's protocols, in its order, which is the order they are tried for a name it does not know. */
    private enum Protocol {
        UNIX("UNIX", Kind.UNIX, SockDiag.AF_UNIX, 0),
        UNIX_STREAM("UNIX-STREAM", Kind.UNIX, SockDiag.AF_UNIX, 0),
        TCP("TCP", Kind.INET, SockDiag.AF_INET, 6),
        UDP("UDP", Kind.INET, SockDiag.AF_INET, 17),
        UDPLITE("UDPLITE", Kind.INET, SockDiag.AF_INET, 136),
        DCCP("DCCP", Kind.INET, SockDiag.AF_INET, 33),
        SCTP("SCTP", Kind.INET, SockDiag.AF_INET, 132),
        L2TP_IP("L2TP/IP", Kind.INET, SockDiag.AF_INET, 115),
        PING("PING", Kind.INET, SockDiag.AF_INET, 1),
        RAW("RAW", Kind.INET, SockDiag.AF_INET, 255),
        TCP6("TCPv6", Kind.INET, SockDiag.AF_INET6, 6),
        UDP6("UDPv6", Kind.INET, SockDiag.AF_INET6, 17),
        UDPLITE6("UDPLITEv6", Kind.INET, SockDiag.AF_INET6, 136),
        DCCP6("DCCPv6", Kind.INET, SockDiag.AF_INET6, 33),
        L2TP_IP6("L2TP/IPv6", Kind.INET, SockDiag.AF_INET6, 115),
        SCTP6("SCTPv6", Kind.INET, SockDiag.AF_INET6, 132),
        PING6("PINGv6", Kind.INET, SockDiag.AF_INET6, 1),
        RAW6("RAWv6", Kind.INET, SockDiag.AF_INET6, 255),
        NETLINK("NETLINK", Kind.NETLINK, SockDiag.AF_NETLINK, 0);

        final String label;
        final Kind kind;
        final int family;
        final int protocol;

        Protocol(String label, Kind kind, int family, int protocol) {
            this.label = label;
            this.kind = kind;
            this.family = family;
            this.protocol = protocol;
        }

        static Protocol named(String name) {
            for (Protocol p : values()) {
                if (p.label.equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The details kept for socket {@code inode}, or null when none are. */
    String cached(long inode) {
        int slot = slot(inode);
        return cachedInode[slot] == inode ? cachedDetails[slot] : null;
    }

    /**
     * The details of socket {@code inode} that sock_diag gives, kept for later; else
     * {@code PROTOCOL:[inode]} when {@code protocolName} is a protocol strace knows; else null, for
     * which strace prints the {@code socket:[inode]} path (a protocol such as AF_PACKET's).
     *
     * @param protocolName the socket's {@code system.sockprotoname}, null when it has none
     */
    String lookup(long inode, String protocolName, SockDiagQuery query, HexStyle hex) {
        Protocol known = Protocol.named(protocolName);
        for (Protocol p : known != null ? List.of(known) : List.of(Protocol.values())) {
            String details = find(p, inode, query, hex);
            if (details != null) {
                int slot = slot(inode);
                cachedInode[slot] = inode;
                cachedDetails[slot] = details;
                return details;
            }
        }
        return known != null ? known.label + ":[" + Long.toUnsignedString(inode) + "]" : null;
    }

    private static int slot(long inode) {
        return (int) (inode & (SLOTS - 1));
    }

    private static String find(Protocol p, long inode, SockDiagQuery query, HexStyle hex) {
        return switch (p.kind) {
            case UNIX -> {
                SockDiag.UnixSocket s = SockDiag.findUnix(query.send(SockDiag.unixRequest(inode)), inode);
                yield s == null ? null : unix(p.label, inode, s, hex);
            }
            case INET -> {
                SockDiag.InetSocket s = SockDiag.findInet(query.send(SockDiag.inetRequest(p.family, p.protocol)), inode);
                yield s == null ? null : inet(p.label, s);
            }
            case NETLINK -> {
                SockDiag.NetlinkSocket s = SockDiag.findNetlink(query.send(SockDiag.netlinkRequest()), inode);
                yield s == null ? null : netlink(p.label, s);
            }
        };
    }

    /** {@code TCP:[src:port]}, or {@code TCP:[src:port->dst:port]} once there is a peer. */
    private static String inet(String protocol, SockDiag.InetSocket s) {
        StringBuilder out = new StringBuilder(protocol).append(":[");
        appendEndpoint(out, s.source(), s.sourcePort());
        if (s.hasPeer()) {
            out.append("->");
            appendEndpoint(out, s.destination(), s.destinationPort());
        }
        return out.append(']').toString();
    }

    private static void appendEndpoint(StringBuilder out, byte[] address, int port) {
        if (address.length == 4) {
            appendIpv4(out, address, 0);
        } else {
            out.append('[');
            appendIpv6(out, address);
            out.append(']');
        }
        out.append(':').append(port);
    }

    /**
     * {@code UNIX:[inode->peer,"path"]}, each of {@code ->peer} and the name only when there is
     * one; an abstract name is {@code @"name"}.
     */
    private static String unix(String protocol, long inode, SockDiag.UnixSocket s, HexStyle hex) {
        StringBuilder out = new StringBuilder(protocol).append(":[").append(Long.toUnsignedString(inode));
        if (s.peer() != 0) {
            out.append("->").append(s.peer());
        }
        byte[] name = s.name();
        if (name != null) {
            out.append(',');
            boolean abstractName = name[0] == 0;
            int from = abstractName ? 1 : 0;
            // NUL-terminated, so that quoting stops at the first NUL as strace's does.
            byte[] text = new byte[name.length - from + 1];
            System.arraycopy(name, from, text, 0, name.length - from);
            if (abstractName) {
                out.append('@');
            }
            Quoting.quoteCString(out, text, 0, text.length, text.length, hex);
        }
        return out.append(']').toString();
    }

    /** {@code NETLINK:[ROUTE:portid]}, or {@code NETLINK:[protocol]} for a protocol strace has no name for. */
    private static String netlink(String protocol, SockDiag.NetlinkSocket s) {
        String name = Xlat.get("netlink_protocols").nameOf(s.protocol());
        if (name == null) {
            return protocol + ":[" + s.protocol() + "]";
        }
        return protocol + ":[" + name.substring("NETLINK_".length()) + ":" + s.portId() + "]";
    }

    private static void appendIpv4(StringBuilder out, byte[] address, int from) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(address[from + i] & 0xff);
        }
    }

    /**
     * An IPv6 address as glibc's inet_ntop writes it: the longest run of two or more zero groups
     * (the first of equals) as {@code ::}, and IPv4-compatible and -mapped addresses ending in
     * dotted quads.
     */
    static void appendIpv6(StringBuilder out, byte[] address) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestBase = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                appendIpv4(out, address, 12);
                return;
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out.append(':');
        }
    }
}
