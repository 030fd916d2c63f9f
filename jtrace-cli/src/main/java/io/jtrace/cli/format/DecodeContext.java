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

    public DecodeContext(Memory memory, int stringLimit, Quoting.HexStyle hex, boolean verbose) {
        this.memory = memory;
        this.stringLimit = stringLimit;
        this.hex = hex;
        this.verbose = verbose;
        this.scratch = new byte[Math.max(Quoting.PATH_MAX, stringLimit + 1)];
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
