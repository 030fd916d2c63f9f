package io.jtrace.decode.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * NETLINK_SOCK_DIAG requests and replies, as bytes: the layouts of {@code linux/netlink.h},
 * {@code sock_diag.h}, {@code inet_diag.h}, {@code unix_diag.h} and {@code netlink_diag.h}, and the
 * checks strace 6.1 makes of each reply message while it looks for one socket among them.
 */
final class SockDiag {
    /** The netlink protocol to open the socket with. */
    static final int NETLINK_SOCK_DIAG = 4;

    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;

    private static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final int NLM_F_REQUEST = 0x1, NLM_F_DUMP = 0x300;
    private static final int NLMSG_HDRLEN = 16;
    /** Sizes of inet_diag_req_v2, unix_diag_req and netlink_diag_req. */
    private static final int INET_REQ_SIZE = 56, UNIX_REQ_SIZE = 24, NETLINK_REQ_SIZE = 20;
    /** Sizes of inet_diag_msg, unix_diag_msg and netlink_diag_msg. */
    private static final int INET_MSG_SIZE = 72, UNIX_MSG_SIZE = 16, NETLINK_MSG_SIZE = 28;
    private static final int UDIAG_SHOW_NAME = 0x1, UDIAG_SHOW_PEER = 0x4;
    private static final int UNIX_DIAG_NAME = 0, UNIX_DIAG_PEER = 2;
    private static final int NDIAG_PROTO_ALL = 255;
    /** {@code sizeof(((struct sockaddr_un *) 0)->sun_path)}: strace keeps no more of a name. */
    private static final int UNIX_PATH_MAX = 108;

    private SockDiag() {}

    /** An inet socket as inet_diag_msg gives it: addresses are 4 or 16 bytes, ports in host order. */
    record InetSocket(byte[] source, int sourcePort, byte[] destination, int destinationPort) {
        boolean hasPeer() {
            return destinationPort != 0 || !allZero(destination);
        }
    }

    /**
     * A unix socket as unix_diag_msg gives it: its peer's inode (0: none, or one without an inode
     * yet) and its name (null: none; an abstract name starts with NUL).
     */
    record UnixSocket(long peer, byte[] name) {}

    /** A netlink socket as netlink_diag_msg gives it. */
    record NetlinkSocket(int protocol, long portId) {}

    /** Every socket of {@code family} and {@code protocol}, in any state (idiag_states all set). */
    static byte[] inetRequest(int family, int protocol) {
        ByteBuffer b = request(INET_REQ_SIZE, NLM_F_REQUEST | NLM_F_DUMP);
        b.put((byte) family).put((byte) protocol).put((byte) 0).put((byte) 0).putInt(-1);
        return b.array(); // inet_diag_sockid left zero: no filter
    }

    /**
     * The unix socket {@code inode} alone, with its name and peer. Without NLM_F_DUMP: kernels
     * before 4.4.4, which needed it, are not supported by jtrace.
     */
    static byte[] unixRequest(long inode) {
        ByteBuffer b = request(UNIX_REQ_SIZE, NLM_F_REQUEST);
        b.put((byte) AF_UNIX).put((byte) 0).putShort((short) 0).putInt(-1).putInt((int) inode)
                .putInt(UDIAG_SHOW_NAME | UDIAG_SHOW_PEER).putInt(-1).putInt(-1);
        return b.array();
    }

    /** Every netlink socket of every protocol. */
    static byte[] netlinkRequest() {
        ByteBuffer b = request(NETLINK_REQ_SIZE, NLM_F_REQUEST | NLM_F_DUMP);
        b.put((byte) AF_NETLINK).put((byte) NDIAG_PROTO_ALL);
        return b.array();
    }

    private static ByteBuffer request(int bodySize, int flags) {
        ByteBuffer b = ByteBuffer.allocate(NLMSG_HDRLEN + bodySize).order(ByteOrder.nativeOrder());
        b.putInt(NLMSG_HDRLEN + bodySize).putShort((short) SOCK_DIAG_BY_FAMILY).putShort((short) flags)
                .putInt(0).putInt(0);
        return b;
    }

    /** Socket {@code inode} in a reply to {@link #inetRequest}, or null. */
    static InetSocket findInet(List<byte[]> reply, long inode) {
        return find(reply, inode, INET_MSG_SIZE, 68, SockDiag::inet);
    }

    /** Socket {@code inode} in a reply to {@link #unixRequest}, or null; null too when it has neither peer nor name. */
    static UnixSocket findUnix(List<byte[]> reply, long inode) {
        return find(reply, inode, UNIX_MSG_SIZE, 4, SockDiag::unix);
    }

    /** Socket {@code inode} in a reply to {@link #netlinkRequest}, or null. */
    static NetlinkSocket findNetlink(List<byte[]> reply, long inode) {
        return find(reply, inode, NETLINK_MSG_SIZE, 16, SockDiag::netlink);
    }

    /**
     * The first message about socket {@code inode}, decoded, as strace looks for it: the search
     * gives up at a message of another type (NLMSG_DONE, NLMSG_ERROR), one too short, or the
     * socket's own message when its family is not one {@code decode} knows (decode returns null).
     */
    private static <T> T find(List<byte[]> reply, long inode, int bodySize, int inodeAt,
                              Function<ByteBuffer, T> decode) {
        for (byte[] message : reply) {
            ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
            if (Short.toUnsignedInt(b.getShort(4)) != SOCK_DIAG_BY_FAMILY
                    || message.length < NLMSG_HDRLEN + bodySize) {
                return null;
            }
            if (Integer.toUnsignedLong(b.getInt(NLMSG_HDRLEN + inodeAt)) != inode) {
                continue;
            }
            return decode.apply(b.slice(NLMSG_HDRLEN, message.length - NLMSG_HDRLEN).order(ByteOrder.nativeOrder()));
        }
        return null;
    }

    private static InetSocket inet(ByteBuffer msg) {
        int size = switch (msg.get(0)) {
            case AF_INET -> 4;
            case AF_INET6 -> 16;
            default -> 0;
        };
        if (size == 0) {
            return null;
        }
        // inet_diag_sockid from offset 4: ports and addresses in network order.
        return new InetSocket(bytes(msg, 8, size), networkShort(msg, 4), bytes(msg, 24, size), networkShort(msg, 6));
    }

    private static UnixSocket unix(ByteBuffer msg) {
        if (msg.get(0) != AF_UNIX) {
            return null;
        }
        long peer = 0;
        byte[] name = null;
        int at = UNIX_MSG_SIZE;
        int left = msg.limit() - at;
        while (left >= 4) {
            int length = Short.toUnsignedInt(msg.getShort(at));
            if (length < 4 || length > left) {
                break;
            }
            int type = Short.toUnsignedInt(msg.getShort(at + 2));
            int payload = length - 4;
            if (type == UNIX_DIAG_NAME && (name == null || name.length == 0)) {
                name = bytes(msg, at + 4, Math.min(payload, UNIX_PATH_MAX));
            } else if (type == UNIX_DIAG_PEER && payload >= 4) {
                peer = Integer.toUnsignedLong(msg.getInt(at + 4));
            }
            int aligned = (length + 3) & ~3;
            at += aligned;
            left -= aligned;
        }
        if (name != null && name.length == 0) {
            name = null;
        }
        return peer == 0 && name == null ? null : new UnixSocket(peer, name);
    }

    private static NetlinkSocket netlink(ByteBuffer msg) {
        if (msg.get(0) != AF_NETLINK) {
            return null;
        }
        return new NetlinkSocket(Byte.toUnsignedInt(msg.get(2)), Integer.toUnsignedLong(msg.getInt(4)));
    }

    private static byte[] bytes(ByteBuffer b, int at, int length) {
        byte[] out = new byte[length];
        b.get(at, out);
        return out;
    }

    private static int networkShort(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at)) << 8 | Byte.toUnsignedInt(b.get(at + 1));
    }

    private static boolean allZero(byte[] bytes) {
        return Arrays.equals(bytes, new byte[bytes.length]);
    }
}
