package io.jtrace.cli.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What decoders print with: tracee memory, the output options, and the small helpers every decoder
 * needs (addresses, strings, structures read whole or not at all, as strace's umove does).
 */
public final class DecodeContext {
    private final Memory memory;
    private final int stringLimit;
    private final Quoting.HexStyle hex;
    private final boolean verbose;
    private final byte[] scratch;
    private final int decodeFds;
    /** --decode-fds kinds: -y is PATH, -yy all four. */
    public static final int FDS_PATH = 1, FDS_SOCKET = 2, FDS_DEV = 4, FDS_PIDFD = 8,
            FDS_ALL = FDS_PATH | FDS_SOCKET | FDS_DEV | FDS_PIDFD;
    private final java.util.function.IntSupplier tid;
    /** -yy socket details, kept across calls as strace keeps them. */
    private final SocketDetails sockets = new SocketDetails();

    /**
     * @param decodeFds what -y/--decode-fds asks for, a set of {@link #FDS_PATH}, {@link #FDS_SOCKET},
     *                  {@link #FDS_DEV} and {@link #FDS_PIDFD} bits
     * @param tid       the thread being printed, whose /proc entries name its descriptors
     */
    public DecodeContext(Memory memory, int stringLimit, Quoting.HexStyle hex, boolean verbose, int decodeFds,
                         java.util.function.IntSupplier tid) {
        this.memory = memory;
        this.stringLimit = stringLimit;
        this.hex = hex;
        this.verbose = verbose;
        this.scratch = new byte[Math.max(Quoting.PATH_MAX, stringLimit + 1)];
        this.decodeFds = decodeFds;
        this.tid = tid;
    }

    /**
     * A file descriptor: its number and, with -y, {@code <path>} as /proc names it; with -yy a
     * socket's protocol and addresses, a device's numbers and a pidfd's process in place of the path.
     */
    public void fd(StringBuilder out, int fd) {
        out.append(fd);
        if (decodeFds != 0 && fd >= 0) {
            fdPath(out, "/proc/" + tid.getAsInt() + "/fd/" + fd, fd);
        }
    }

    /** A descriptor of process {@code pid}, which need not be the one being printed (kcmp's). */
    public void fdOf(StringBuilder out, int pid, int fd) {
        out.append(fd);
        if (decodeFds != 0 && fd >= 0 && pid > 0) {
            fdPath(out, "/proc/" + pid + "/fd/" + fd, fd);
        }
    }

    /** A directory descriptor of the *at calls: {@code AT_FDCWD}, with -y the working directory. */
    public void dirfd(StringBuilder out, int fd) {
        if (fd == AT_FDCWD) {
            XlatFormat.styled(out, Integer.toString(AT_FDCWD), o -> o.append("AT_FDCWD"));
            if ((decodeFds & FDS_PATH) != 0) {
                fdPath(out, "/proc/" + tid.getAsInt() + "/cwd", -1);
            }
        } else {
            fd(out, fd);
        }
    }

    private static final int AT_FDCWD = -100;

    /** @param fd the descriptor {@code link} names, or -1 for the working directory */
    private void fdPath(StringBuilder out, String link, int fd) {
        String target;
        try {
            target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(link)).toString();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return; // not open (any more): strace prints the bare number too
        }
        if (fd >= 0 && ((decodeFds & FDS_SOCKET) != 0 && socket(out, link, target)
                || (decodeFds & FDS_DEV) != 0 && device(out, target)
                || (decodeFds & FDS_PIDFD) != 0 && pidfd(out, fd, target))) {
            return;
        }
        if ((decodeFds & FDS_PATH) == 0) {
            return;
        }
        out.append('<');
        quoteFdPath(out, target);
        out.append('>');
    }

    private void quoteFdPath(StringBuilder out, String path) {
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Quoting.quoteFdPath(out, bytes, 0, bytes.length, hex);
    }

    /**
     * {@code <TCP:[...]>} and the like for {@code socket:[inode]}; false for anything else. The
     * socket's protocol is the name its {@code system.sockprotoname} attribute gives, as strace
     * reads it, and its details come from sock_diag unless they are kept from an earlier lookup.
     */
    private boolean socket(StringBuilder out, String link, String target) {
        long inode = socketInode(target);
        if (inode == 0) {
            return false;
        }
        String details = sockets.cached(inode);
        if (details == null) {
            try (io.jtrace.bindings.Kernel k = io.jtrace.bindings.Kernel.open()) {
                String protocol = k.getxattr(link, "system.sockprotoname");
                details = sockets.lookup(inode, protocol, request -> sockDiag(k, request), hex);
            }
        }
        out.append('<').append(details != null ? details : target).append('>');
        return true;
    }

    /** A sock_diag request's reply; none when it fails, which strace treats as the socket not found. */
    private static java.util.List<byte[]> sockDiag(io.jtrace.bindings.Kernel k, byte[] request) {
        try {
            return k.netlinkDump(SockDiag.NETLINK_SOCK_DIAG, request);
        } catch (io.jtrace.bindings.ErrnoException e) {
            return java.util.List.of();
        }
    }

    /** The inode of a {@code socket:[inode]} link target, 0 when it is not one. */
    private static long socketInode(String target) {
        if (!target.startsWith("socket:[") || !target.endsWith("]")) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(target, "socket:[".length(), target.length() - 1, 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code </dev/null<char 1:3>>} for a character or block device, stat'ed by its path as strace does. */
    private boolean device(StringBuilder out, String target) {
        if (!target.startsWith("/")) {
            return false;
        }
        java.util.Map<String, Object> st;
        try {
            st = java.nio.file.Files.readAttributes(java.nio.file.Path.of(target), "unix:mode,rdev");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        int type = (Integer) st.get("mode") & S_IFMT;
        if (type != S_IFCHR && type != S_IFBLK) {
            return false;
        }
        long rdev = (Long) st.get("rdev");
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        out.append('<');
        quoteFdPath(out, target);
        out.append('<').append(type == S_IFBLK ? "block " : "char ").append(major & 0xffffffffL).append(':')
                .append(minor & 0xffffffffL).append(">>");
        return true;
    }

    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    /** {@code <pid:N>} for a pidfd, the pid read from /proc fdinfo; its path when the process is gone. */
    private boolean pidfd(StringBuilder out, int fd, String target) {
        if (!target.equals("anon_inode:[pidfd]")) {
            return false;
        }
        long pid = -1;
        try {
            for (String line : java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("/proc/" + tid.getAsInt() + "/fdinfo/" + fd))) {
                if (line.startsWith("Pid:\t")) {
                    pid = Long.parseLong(line.substring("Pid:\t".length()).strip());
                    break;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            pid = -1;
        }
        out.append(pid > 0 && pid <= Integer.MAX_VALUE ? "<pid:" + pid + ">" : "<" + target + ">");
        return true;
    }

    public Memory memory() {
        return memory;
    }

    /** {@code -s}: the longest string printed whole, and the most array elements printed. */
    public int stringLimit() {
        return stringLimit;
    }

    public Quoting.HexStyle hex() {
        return hex;
    }

    /** {@code -v}: structures, arrays and environments printed in full. */
    public boolean verbose() {
        return verbose;
    }

    /** {@code NULL} or {@code 0x...}, as strace prints an address. */
    public static void address(StringBuilder out, long v) {
        SyscallFormatter.pointer(out, v);
    }

    /**
     * Reads {@code size} bytes at {@code address} as a little-endian buffer, or null when they cannot
     * all be read (the caller then prints the address, as strace does).
     */
    public ByteBuffer read(long address, int size) {
        if (address == 0) {
            return null;
        }
        byte[] b = new byte[size];
        if (memory.read(address, b, 0, size) != size) {
            return null;
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A NUL-terminated string at {@code address}, quoted and shortened to -s; NULL or the address when unreadable. */
    public void string(StringBuilder out, long address) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int n = memory.readCString(address, scratch, stringLimit + 1);
        if (n < 0) {
            address(out, address);
        } else {
            Quoting.quoteCString(out, scratch, 0, n, stringLimit, hex);
        }
    }

    /** A path at {@code address}, quoted, never shortened by -s; NULL or the address when unreadable. */
    public void path(StringBuilder out, long address) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int n = memory.readCString(address, scratch, Quoting.PATH_MAX);
        if (n < 0) {
            address(out, address);
        } else {
            Quoting.quotePath(out, scratch, 0, n, hex);
        }
    }
}
