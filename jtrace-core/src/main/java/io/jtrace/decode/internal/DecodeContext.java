package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.Memory;
import io.jtrace.decode.SyscallDecoder;
import io.jtrace.decode.ValueWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What decoders print with: tracee memory, the output options, and the small helpers every decoder
 * needs (addresses, strings, structures read whole or not at all, as strace's umove does).
 */
public final class DecodeContext {
    private final Memory memory;
    private final int stringLimit;
    private final HexStyle hex;
    private final boolean verbose;
    /** strace's verbose(): structures behind pointers are read; without it only addresses show. */
    private final boolean dereference;
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
     * @param dereference whether structures behind pointers are read (strace's {@code -e verbose=}
     *                  leaves them out for some calls: their addresses are printed instead)
     */
    public DecodeContext(Memory memory, int stringLimit, HexStyle hex, boolean verbose, int decodeFds,
                         java.util.function.IntSupplier tid, boolean dereference) {
        this.dereference = dereference;
        this.memory = memory;
        this.stringLimit = stringLimit;
        this.hex = hex;
        this.verbose = verbose;
        this.scratch = new byte[Math.max(Quoting.PATH_MAX, stringLimit + 1)];
        this.decodeFds = decodeFds;
        this.tid = tid;
    }

    /**
     * {@code size} bytes at {@code address}, or null after writing the address: NULL, or the address
     * of memory that could not be read.
     */
    public ByteBuffer readOrAddress(ValueWriter out, long address, int size) {
        ByteBuffer b = readStruct(address, size);
        if (b == null) {
            if (address == 0) {
                out.pointer(0);
            } else {
                out.unreadable(address);
            }
        }
        return b;
    }

    /**
     * {@code length} bytes of data at {@code address}, shortened to -s, as strace's printstrn: NULL,
     * the address when unreadable, else the bytes (one beyond the limit is read, as strace reads).
     */
    public void data(ValueWriter out, long address, long length) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        int want = (int) (Long.compareUnsigned(length, stringLimit) > 0 ? stringLimit + 1L : length);
        ByteBuffer b = want == 0 ? ByteBuffer.allocate(0) : read(address, want);
        if (b == null) {
            out.unreadable(address);
        } else {
            Quoting.buffer(out, b.array(), 0, length, stringLimit);
        }
    }

    /** As {@link #fd(StringBuilder, int)}: the number and what -y learns of it. */
    public void fd(ValueWriter out, int fd) {
        out.fd(fd, decodeFds != 0 && fd >= 0 ? decoration("/proc/" + tid.getAsInt() + "/fd/" + fd, fd) : null);
    }

    /** As {@link #fdOf(StringBuilder, int, int)}. */
    public void fdOf(ValueWriter out, int pid, int fd) {
        out.fd(fd, decodeFds != 0 && fd >= 0 && pid > 0 ? decoration("/proc/" + pid + "/fd/" + fd, fd) : null);
    }

    /** As {@link #dirfd(StringBuilder, int)}. */
    public void dirfd(ValueWriter out, int fd) {
        if (fd == AT_FDCWD) {
            String shown = XlatFormat.styledText(Integer.toString(AT_FDCWD), o -> o.append("AT_FDCWD"));
            out.fd(fd, shown, (decodeFds & FDS_PATH) != 0 ? decoration("/proc/" + tid.getAsInt() + "/cwd", -1) : null);
        } else {
            fd(out, fd);
        }
    }

    /** What {@link #fdPath} prints after a descriptor's number, or null. */
    private String decoration(String link, int fd) {
        StringBuilder d = new StringBuilder();
        fdPath(d, link, fd);
        return d.isEmpty() ? null : d.toString();
    }

    private static final int AT_FDCWD = -100;

    /** @param fd the descriptor {@code link} names, or -1 for the working directory */
    private void fdPath(StringBuilder out, String link, int fd) {
        byte[] linkBytes = link.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (fd < 0) {
            // The working directory: the link's target whole, as long as it fits in PATH_MAX - 1 bytes.
            byte[] cwd = io.jtrace.bindings.FileLinks.readlink(linkBytes, Quoting.PATH_MAX);
            if (cwd != null && cwd.length < Quoting.PATH_MAX) {
                out.append('<');
                Quoting.quoteFdPath(out, cwd, 0, cwd.length, hex);
                out.append('>');
            }
            return;
        }
        byte[] path = io.jtrace.bindings.FileLinks.readlink(linkBytes, Quoting.PATH_MAX);
        if (path == null) {
            return; // not open (any more): strace prints the bare number too
        }
        boolean deleted = false;
        int len = path.length;
        if (endsWithDeleted(path) && unlinked(linkBytes, path)) {
            // The kernel's mark of an unlinked file, unless a file of that very name is the one open.
            deleted = true;
            len -= DELETED.length;
            path = java.util.Arrays.copyOf(path, len);
        }
        String target = new String(path, java.nio.charset.StandardCharsets.ISO_8859_1);
        if ((decodeFds & FDS_SOCKET) != 0 && socket(out, link, target)
                || (decodeFds & FDS_DEV) != 0 && device(out, path)
                || (decodeFds & FDS_PIDFD) != 0 && pidfd(out, fd, target)) {
            return;
        }
        if ((decodeFds & FDS_PATH) == 0) {
            return;
        }
        out.append('<');
        Quoting.quoteFdPath(out, path, 0, len, hex);
        out.append('>');
        if (deleted) {
            out.append("(deleted)");
        }
    }

    /** What the kernel appends to the link of a descriptor whose file was unlinked. */
    private static final byte[] DELETED = " (deleted)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private static boolean endsWithDeleted(byte[] path) {
        // Longer than the suffix and its NUL, as strace requires before it looks further.
        if (path.length <= DELETED.length + 1) {
            return false;
        }
        return java.util.Arrays.equals(path, path.length - DELETED.length, path.length, DELETED, 0, DELETED.length);
    }

    /**
     * Whether the file open at descriptor link {@code link} is not the one named {@code path}
     * (lstat'ed, the suffix included): strace's test that tells the kernel's mark from a name that
     * merely ends in " (deleted)". False when the descriptor itself cannot be stat'ed.
     */
    private static boolean unlinked(byte[] link, byte[] path) {
        io.jtrace.bindings.FileLinks.Id open = io.jtrace.bindings.FileLinks.stat(link, true);
        if (open == null) {
            return false;
        }
        io.jtrace.bindings.FileLinks.Id named = io.jtrace.bindings.FileLinks.stat(path, false);
        return named == null || open.ino() != named.ino() || open.dev() != named.dev();
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
            String protocol = io.jtrace.bindings.SocketQueries.getxattr(link, "system.sockprotoname");
            details = sockets.lookup(inode, protocol, DecodeContext::sockDiag, hex);
        }
        out.append('<').append(details != null ? details : target).append('>');
        return true;
    }

    /** A sock_diag request's reply; none when it fails, which strace treats as the socket not found. */
    private static java.util.List<byte[]> sockDiag(byte[] request) {
        try {
            return io.jtrace.bindings.SocketQueries.netlinkDump(SockDiag.NETLINK_SOCK_DIAG, request);
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
    private boolean device(StringBuilder out, byte[] path) {
        if (path.length == 0 || path[0] != '/') {
            return false;
        }
        io.jtrace.bindings.FileLinks.Id st = io.jtrace.bindings.FileLinks.stat(path, true);
        if (st == null) {
            return false;
        }
        int type = st.mode() & S_IFMT;
        if (type != S_IFCHR && type != S_IFBLK) {
            return false;
        }
        long rdev = st.rdev();
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        out.append('<');
        Quoting.quoteFdPath(out, path, 0, path.length, hex);
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
        // -Y names the process too, as strace's printpid does there: <pid:1234<bash>>.
        out.append(pid > 0 && pid <= Integer.MAX_VALUE ? "<pid:" + pid + (decodePids
                ? io.jtrace.decode.Comm.decoration(io.jtrace.decode.Comm.read((int) pid), hex) : "") + ">"
                : "<" + target + ">");
        return true;
    }

    /** -Y: pids are followed by their process's name. */
    private boolean decodePids;

    /** Turns -Y's names after pids on or off. */
    public void decodePids(boolean on) {
        this.decodePids = on;
    }

    /** Whether -Y is on. */
    public boolean decodePids() {
        return decodePids;
    }

    /**
     * A process or thread id as strace's printpid prints one of type PT_TID or PT_TGID: under -Y
     * followed by the name of the process it names, when it is positive and that process exists.
     */
    public void pid(ValueWriter out, int pid) {
        PidNames.write(out, pid);
    }

    public Memory memory() {
        return memory;
    }

    /** Where strace's warnings about short reads go; none until {@link #warnings} is set. */
    private java.util.function.Consumer<String> warnings = w -> { };

    /**
     * Sets where the warnings strace prints about reads cut short by an unmapped page go, each
     * without strace's name in front ({@code umoven: short read (3 < 4) @0x...}).
     */
    public void warnings(java.util.function.Consumer<String> sink) {
        this.warnings = sink;
    }

    /**
     * Whether the read going on decides whether another item follows, so that strace reads it
     * before it prints the separator (the next pointer of an argv array), rather than after (as
     * for the next argument or array element). A warning about it goes before the separator then.
     */
    public boolean readBeforeSeparator() {
        return readBeforeSeparator;
    }

    private boolean readBeforeSeparator;

    /** As {@link #readFully}, for a read that comes before the separator (see {@link #readBeforeSeparator()}). */
    public boolean readFullyBeforeSeparator(long address, byte[] dst, int off, int len) {
        readBeforeSeparator = true;
        try {
            return readFully(address, dst, off, len);
        } finally {
            readBeforeSeparator = false;
        }
    }

    /**
     * Reads {@code len} bytes whole, as strace's umoven: false when they cannot all be read, with
     * strace's warning when some could.
     */
    public boolean readFully(long address, byte[] dst, int off, int len) {
        long n = memory.read(address, dst, off, len);
        if (n == len) {
            return true;
        }
        if (n > 0) {
            warnings.accept("umoven: short read (" + n + " < " + len + ") @0x" + Long.toHexString(address));
        }
        return false;
    }

    /**
     * Reads a NUL-terminated string of at most {@code max} bytes into {@code dst} (which holds at
     * least {@code max} bytes) as strace's umovestr does: a page at a time, so that a string ending
     * just before an unmapped page is read whole. Returns the bytes read, the NUL included when it
     * was found, or -1 when a byte before the NUL or the {@code max}th could not be read: strace
     * then prints the address, however much of the string it read, and warns when it read some.
     */
    public int readCString(long address, byte[] dst, int max) {
        int done = 0;
        while (done < max) {
            long at = address + done;
            int chunk = (int) Math.min(max - done, 4096 - (at & 4095));
            long n = memory.read(at, dst, done, chunk);
            if (n <= 0) {
                if (done > 0) {
                    String reason = n < 0 ? io.jtrace.syscalls.Errno.byNumber((int) -n)
                            .map(io.jtrace.syscalls.Errno::message).orElse("Bad address") : "Bad address";
                    warnings.accept("umovestr: short read (" + done + " < " + max + ") @0x"
                            + Long.toHexString(address) + ": " + reason);
                }
                return -1;
            }
            for (int i = done; i < done + n; i++) {
                if (dst[i] == 0) {
                    return i + 1;
                }
            }
            done += (int) n;
        }
        return done;
    }

    /** {@code -s}: the longest string printed whole, and the most array elements printed. */
    public int stringLimit() {
        return stringLimit;
    }

    public HexStyle hex() {
        return hex;
    }

    /** Whether structures behind pointers are read for this call: strace's verbose(). */
    public boolean dereference() {
        return dereference;
    }

    /**
     * {@code size} bytes of a structure at {@code address}, as {@link #read}, or null when structures
     * are not read for this call ({@code -e verbose=}): what strace reads with umove_or_printaddr and
     * tfetch_mem, array elements included. Strings and data buffers are read whatever
     * {@code -e verbose=} says, as strace reads them.
     */
    public ByteBuffer readStruct(long address, int size) {
        return dereference ? read(address, size) : null;
    }

    /** {@code -v}: structures, arrays and environments printed in full. */
    public boolean verbose() {
        return verbose;
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
        if (!readFully(address, b, 0, size)) {
            return null;
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** As {@link #string(StringBuilder, long)}. */
    public void string(ValueWriter out, long address) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        int n = readCString(address, scratch, stringLimit + 1);
        if (n < 0) {
            out.unreadable(address);
        } else {
            Quoting.cString(out, scratch, 0, n, stringLimit);
        }
    }

    /** As {@link #string(StringBuilder, long, long)}. */
    public void string(ValueWriter out, long address, long len) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        if (len == 0) {
            out.string(scratch, 0, 0, false);
            return;
        }
        int size = (int) Math.min(stringLimit + 1L, len);
        int n = readCString(address, scratch, size);
        if (n < 0) {
            out.unreadable(address);
        } else {
            Quoting.cString(out, scratch, 0, n, Math.min(stringLimit, size));
        }
    }

    /** As {@link #path(StringBuilder, long)}. */
    public void path(ValueWriter out, long address) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        int n = readCString(address, scratch, Quoting.PATH_MAX);
        if (n < 0) {
            out.unreadable(address);
        } else {
            Quoting.path(out, scratch, 0, n);
        }
    }

    /** {@code NULL} or {@code 0x...}: an address. */
    public static void address(ValueWriter out, long v) {
        out.pointer(v);
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
}
