package io.jtrace.cli.format;

import io.jtrace.syscalls.Xlat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code -yy} prints inside {@code <...>} for a socket: its protocol and addresses, such as
 * {@code TCP:[127.0.0.1:40000->127.0.0.1:5432]} or {@code UNIX-STREAM:[178967,"/run/x.sock"]}.
 *
 * <p>strace asks NETLINK_SOCK_DIAG; the same facts are read here from the tracee's
 * {@code /proc/TID/net} tables, found by the inode that {@code /proc/TID/fd/N} names. Details once
 * found are kept per inode exactly as strace 6.1 keeps them, in 1024 slots indexed by the inode's low
 * bits and never refreshed, because strace's output depends on that: a UDP socket bound and then
 * connected goes on printing its bound form until another socket takes its slot.
 */
final class SocketDetails {
    private static final int SLOTS = 1024;

    private final long[] cachedInode = new long[SLOTS];
    private final String[] cachedDetails = new String[SLOTS];

    /** One /proc/net table and the protocol name strace gives the sockets in it. */
    private enum Table {
        UNIX("unix", null), TCP("tcp", "TCP"), TCP6("tcp6", "TCPv6"), UDP("udp", "UDP"), UDP6("udp6", "UDPv6"),
        NETLINK("netlink", "NETLINK"), UDPLITE("udplite", "UDPLITE"), UDPLITE6("udplite6", "UDPLITEv6"),
        RAW("raw", "RAW"), RAW6("raw6", "RAWv6"), PING("icmp", "PING"), PING6("icmp6", "PINGv6");

        final String file;
        final String protocol;

        Table(String file, String protocol) {
            this.file = file;
            this.protocol = protocol;
        }

        /**
         * Whether strace 6.1 finds this protocol's sockets through sock_diag: raw, UDP-Lite and ping
         * sockets are never found there (it prints {@code RAW:[inode]}), so they are not looked for.
         */
        boolean hasAddresses() {
            return this == UNIX || this == TCP || this == TCP6 || this == UDP || this == UDP6 || this == NETLINK;
        }
    }

    /**
     * The details of socket {@code inode} of thread {@code tid}, or null when strace prints the
     * {@code socket:[inode]} path instead (a protocol it has no name for, such as AF_PACKET).
     */
    String describe(int tid, long inode, Quoting.HexStyle hex) {
        int slot = (int) (inode & (SLOTS - 1));
        if (cachedInode[slot] == inode && cachedDetails[slot] != null) {
            return cachedDetails[slot];
        }
        for (Table table : Table.values()) {
            String[] row = row(tid, table, inode);
            if (row == null) {
                continue;
            }
            String protocol = table == Table.UNIX ? unixProtocol(row) : table.protocol;
            String details = table.hasAddresses() ? details(table, protocol, inode, row, hex) : null;
            if (details == null) {
                return protocol + ":[" + Long.toUnsignedString(inode) + "]";
            }
            cachedInode[slot] = inode;
            cachedDetails[slot] = details;
            return details;
        }
        return null;
    }

    /** The row of {@code /proc/TID/net/FILE} whose inode column is {@code inode}, split into columns. */
    private static String[] row(int tid, Table table, long inode) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("/proc/" + tid + "/net/" + table.file));
        } catch (IOException e) {
            return null;
        }
        // ISO-8859-1 keeps a socket path's bytes as they are.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int inodeColumn = table == Table.UNIX ? 6 : 9;
        // A unix socket's path, the last column, may hold spaces.
        int columns = table == Table.UNIX ? 8 : inodeColumn + 2;
        String wanted = Long.toUnsignedString(inode);
        int start = text.indexOf('\n') + 1;
        while (start > 0 && start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            String[] row = line.strip().split(" +", columns);
            if (row.length > inodeColumn && row[inodeColumn].equals(wanted)) {
                return row;
            }
            start = end + 1;
        }
        return null;
    }

    /** The kernel's name for a unix socket's protocol: stream sockets have one of their own. */
    private static String unixProtocol(String[] row) {
        return Integer.parseInt(row[4], 16) == 1 ? "UNIX-STREAM" : "UNIX";
    }

    private static String details(Table table, String protocol, long inode, String[] row, Quoting.HexStyle hex) {
        return switch (table) {
            case UNIX -> unix(protocol, inode, row, hex);
            case NETLINK -> netlink(row);
            default -> inet(protocol, row);
        };
    }

    /** {@code TCP:[src:port]}, or {@code TCP:[src:port->dst:port]} once there is a peer. */
    private static String inet(String protocol, String[] row) {
        Endpoint local = Endpoint.parse(row[1]);
        Endpoint remote = Endpoint.parse(row[2]);
        StringBuilder out = new StringBuilder(protocol).append(":[");
        local.append(out);
        if (remote.port != 0 || !remote.isZeroAddress()) {
            out.append("->");
            remote.append(out);
        }
        return out.append(']').toString();
    }

    /**
     * {@code UNIX:[inode,"path"]} or {@code UNIX:[inode,@"abstract"]}; null for a socket without a
     * name, which strace prints as {@code UNIX:[inode]}. /proc does not say which socket is the
     * peer, so the {@code ->peer} part strace adds for connected sockets cannot be printed.
     */
    private static String unix(String protocol, long inode, String[] row, Quoting.HexStyle hex) {
        if (row.length < 8 || row[7].isEmpty()) {
            return null;
        }
        byte[] name = row[7].getBytes(StandardCharsets.ISO_8859_1);
        boolean abstractName = name[0] == '@';
        int from = abstractName ? 1 : 0;
        // NUL-terminated, so that quoting stops there as strace's does.
        byte[] text = new byte[name.length - from + 1];
        System.arraycopy(name, from, text, 0, name.length - from);
        StringBuilder out = new StringBuilder(protocol).append(":[").append(Long.toUnsignedString(inode)).append(',');
        if (abstractName) {
            out.append('@');
        }
        Quoting.quoteCString(out, text, 0, text.length, text.length, hex);
        return out.append(']').toString();
    }

    /** {@code NETLINK:[ROUTE:portid]}, or {@code NETLINK:[protocol]} for a protocol strace has no name for. */
    private static String netlink(String[] row) {
        long protocol = Long.parseLong(row[1]);
        String name = Xlat.get("netlink_protocols").nameOf(protocol);
        if (name == null) {
            return "NETLINK:[" + protocol + "]";
        }
        return "NETLINK:[" + name.substring("NETLINK_".length()) + ":" + Long.parseLong(row[2]) + "]";
    }

    /** An address and port as /proc/net prints them: {@code 0100007F:1F90}, the address in host order words. */
    private record Endpoint(byte[] address, int port) {
        static Endpoint parse(String column) {
            int colon = column.indexOf(':');
            String hexAddress = column.substring(0, colon);
            byte[] address = new byte[hexAddress.length() / 2];
            for (int word = 0; word < address.length / 4; word++) {
                int value = Integer.parseUnsignedInt(hexAddress.substring(word * 8, word * 8 + 8), 16);
                for (int b = 0; b < 4; b++) {
                    address[word * 4 + b] = (byte) (value >>> (8 * b)); // little-endian host
                }
            }
            return new Endpoint(address, Integer.parseInt(column.substring(colon + 1), 16));
        }

        boolean isZeroAddress() {
            for (byte b : address) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        void append(StringBuilder out) {
            if (address.length == 4) {
                appendIpv4(out, address, 0);
            } else {
                out.append('[');
                appendIpv6(out, address);
                out.append(']');
            }
            out.append(':').append(port);
        }
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
