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
    private final java.util.function.IntSupplier tid;

    /**
     * @param decodeFds -y level: 0 none, 1 paths, 2 paths and socket details
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

    /** A file descriptor: its number and, with -y, {@code <path>} as /proc names it. */
    public void fd(StringBuilder out, int fd) {
        out.append(fd);
        if (decodeFds > 0 && fd >= 0) {
            fdPath(out, "/proc/" + tid.getAsInt() + "/fd/" + fd);
        }
    }

    /** A directory descriptor of the *at calls: {@code AT_FDCWD}, with -y the working directory. */
    public void dirfd(StringBuilder out, int fd) {
        if (fd == AT_FDCWD) {
            XlatFormat.styled(out, Integer.toString(AT_FDCWD), o -> o.append("AT_FDCWD"));
            if (decodeFds > 0) {
                fdPath(out, "/proc/" + tid.getAsInt() + "/cwd");
            }
        } else {
            fd(out, fd);
        }
    }

    private static final int AT_FDCWD = -100;

    private void fdPath(StringBuilder out, String link) {
        String target;
        try {
            target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(link)).toString();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return; // not open (any more): strace prints the bare number too
        }
        byte[] bytes = target.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.append('<');
        Quoting.quoteFdPath(out, bytes, 0, bytes.length, hex);
        out.append('>');
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
