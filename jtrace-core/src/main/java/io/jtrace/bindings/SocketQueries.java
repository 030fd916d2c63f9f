package io.jtrace.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * What -yy asks of the kernel about a tracee's sockets: the protocol name a socket's
 * {@code system.sockprotoname} attribute gives, and NETLINK_SOCK_DIAG dumps. Rare lookups: each
 * call allocates its own memory, and any thread may make them.
 */
public final class SocketQueries {
    private static final long NR_CLOSE = 3;

    private SocketQueries() {}

    private static final long NR_GETXATTR = 191;

    /**
     * getxattr(2) of {@code path}: the attribute's value up to its first NUL, or null when it has
     * none. For the rare lookups that need it (a socket's {@code system.sockprotoname}).
     */
    public static String getxattr(String path, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = LibC.allocateCapture(a);
            MemorySegment io = a.allocate(256, 8);
            MemorySegment p = a.allocateFrom(path);
            MemorySegment n = a.allocateFrom(name);
            long r = LibC.syscall(capture, NR_GETXATTR, p.address(), n.address(), io.address(), 256, 0, 0);
            if (r <= 0) {
                return null;
            }
            int len = 0;
            while (len < r && io.get(JAVA_BYTE, len) != 0) {
                len++;
            }
            byte[] bytes = new byte[len];
            MemorySegment.copy(io, JAVA_BYTE, 0, bytes, 0, len);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    // ---- netlink

    private static final long NR_SOCKET = 41, NR_SENDTO = 44, NR_RECVFROM = 45;
    private static final int AF_NETLINK = 16, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000;
    /** {@code struct sockaddr_nl}: family, pad, port id, groups; port id 0 is the kernel. */
    private static final int SOCKADDR_NL_SIZE = 12;
    /** {@code struct nlmsghdr}: length, type, flags, sequence number, port id. */
    private static final int NLMSG_HDRLEN = 16;
    private static final int NLMSG_ERROR = 2, NLMSG_DONE = 3, NLM_F_MULTI = 2;
    private static final int NETLINK_REPLY_BUFFER = 32 * 1024;

    /**
     * Sends {@code request}, whole netlink messages, to the kernel on a new socket of netlink
     * {@code protocol} and returns the reply's messages, each with its header, up to and including
     * the one that ends it: NLMSG_DONE or NLMSG_ERROR, or the only message of a reply that is not
     * a multipart one. Memory is allocated per call: this serves rare lookups (-yy's sock_diag).
     *
     * @throws ErrnoException when the socket cannot be made or the request not sent or answered
     */
    public static List<byte[]> netlinkDump(int protocol, byte[] request) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = LibC.allocateCapture(a);
            int fd = (int) ErrnoException.check("socket(AF_NETLINK)",
                    LibC.syscall(capture, NR_SOCKET, AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, protocol, 0, 0, 0));
            try {
                MemorySegment kernel = a.allocate(SOCKADDR_NL_SIZE, 4);
                kernel.set(JAVA_SHORT, 0, (short) AF_NETLINK);
                MemorySegment out = a.allocate(Math.max(request.length, 1), 8);
                MemorySegment.copy(request, 0, out, JAVA_BYTE, 0, request.length);
                long sent;
                do {
                    sent = LibC.syscall(capture, NR_SENDTO, fd, out.address(), request.length, 0, kernel.address(),
                            SOCKADDR_NL_SIZE);
                } while (sent == -Errnos.EINTR);
                ErrnoException.check("sendto(AF_NETLINK)", sent);
                MemorySegment in = a.allocate(NETLINK_REPLY_BUFFER, 8);
                List<byte[]> messages = new ArrayList<>();
                for (;;) {
                    long n = LibC.syscall(capture, NR_RECVFROM, fd, in.address(), NETLINK_REPLY_BUFFER, 0, 0, 0);
                    if (n == -Errnos.EINTR) {
                        continue;
                    }
                    ErrnoException.check("recvfrom(AF_NETLINK)", n);
                    if (n < NLMSG_HDRLEN) {
                        return messages;
                    }
                    for (long at = 0; at + NLMSG_HDRLEN <= n; ) {
                        int length = in.get(JAVA_INT, at);
                        if (length < NLMSG_HDRLEN || at + length > n) {
                            return messages;
                        }
                        messages.add(in.asSlice(at, length).toArray(JAVA_BYTE));
                        int type = Short.toUnsignedInt(in.get(JAVA_SHORT, at + 4));
                        int flags = Short.toUnsignedInt(in.get(JAVA_SHORT, at + 6));
                        if (type == NLMSG_DONE || type == NLMSG_ERROR || (flags & NLM_F_MULTI) == 0) {
                            return messages;
                        }
                        at += (length + 3) & ~3;
                    }
                }
            } finally {
                LibC.syscall(capture, NR_CLOSE, fd, 0, 0, 0, 0, 0);
            }
        }
    }
}
