package io.jtrace.decode;

import io.jtrace.syscalls.SyscallDef;

import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The hex dumps strace's {@code -e read=SET} and {@code -e write=SET} print after a call's line:
 * the data a read-family call received or a write-family call sent on a descriptor of the set,
 * sixteen bytes a line ({@code  | 00000  61 62 63 0a ...  abc.             |}), vectors buffer by
 * buffer ({@code  * 3 bytes in buffer 0}), message vectors message by message
 * ({@code  = 2 buffers in vector 0}).
 *
 * <p>Which calls dump what is strace 6.1's rule: {@code write}, {@code pwrite64}, {@code sendto} and
 * {@code mq_timedsend} their buffer, whole, even when the call failed; {@code writev},
 * {@code pwritev}, {@code pwritev2} and {@code vmsplice} their vector, {@code sendmsg} its
 * message's vector, {@code sendmmsg} each message sent. On the read side, only calls that
 * succeeded, and only as many bytes as they returned: {@code read}, {@code pread64},
 * {@code recvfrom}, {@code mq_timedreceive}, {@code readv}, {@code preadv}, {@code preadv2},
 * {@code recvmsg}, {@code recvmmsg}. The descriptor is always the first argument.
 */
public final class IoDump {
    /** Bytes per dump line, and per group of hex digits (two groups a line). */
    private static final int LINE = 16, GROUP = 8;
    /** strace reads a long buffer this many bytes at a time. */
    private static final int CHUNK = 1 << 16;
    /** The size of a struct iovec, of a struct msghdr and of a struct mmsghdr on x86_64. */
    private static final int IOVEC = 16, MSGHDR = 56, MMSGHDR = 64;

    private enum Kind { BUFFER, VECTOR, MSGHDR, MMSGHDR }

    private final Memory memory;
    private final IntPredicate reads;
    private final IntPredicate writes;
    private Consumer<String> warnings = w -> { };

    /**
     * Dumps of what tracees read from the descriptors {@code reads} accepts and wrote to those
     * {@code writes} accepts, their data read through {@code memory}.
     */
    public IoDump(Memory memory, IntPredicate reads, IntPredicate writes) {
        this.memory = memory;
        this.reads = reads;
        this.writes = writes;
    }

    /**
     * Sets where strace's warnings about the dump go (a read cut short by an unmapped page, an
     * iovec count too large), each without strace's name in front.
     */
    public void warnings(Consumer<String> sink) {
        this.warnings = sink;
    }

    /**
     * Appends what strace prints after the line of a call that returned: nothing for most calls.
     *
     * @param out     where the dump lines go, each ending in a newline
     * @param def     the call
     * @param args    its arguments, as the registers held them at entry
     * @param rval    what it returned (the negated errno when it failed)
     * @param isError whether it failed
     * @param tid     the thread that made it, named in the message about data that cannot be read
     */
    public void afterCall(StringBuilder out, SyscallDef def, long[] args, long rval, boolean isError, int tid) {
        int fd = (int) args[0];
        if (fd < 0) {
            return;
        }
        // As strace's u_rval: -1 for any failure.
        long result = isError ? -1 : rval;
        if (writes.test(fd)) {
            switch (def.name()) {
                case "write", "pwrite64", "sendto", "mq_timedsend" -> bytes(out, args[1], args[2], tid);
                case "writev", "pwritev", "pwritev2", "vmsplice" -> vector(out, (int) args[2], args[1], -1, tid);
                case "sendmsg" -> message(out, args[1], -1, tid);
                case "sendmmsg" -> messages(out, args[1], result, tid);
                default -> { }
            }
        }
        if (isError || !reads.test(fd)) {
            return;
        }
        switch (def.name()) {
            case "read", "pread64", "recvfrom", "mq_timedreceive" -> bytes(out, args[1], rval, tid);
            case "readv", "preadv", "preadv2" -> vector(out, (int) args[2], args[1], rval, tid);
            case "recvmsg" -> message(out, args[1], rval, tid);
            case "recvmmsg" -> messages(out, args[1], rval, tid);
            default -> { }
        }
    }

    /**
     * strace's dumpiov: each buffer of the {@code count} iovecs at {@code iov}, as {@link #bytes},
     * after a {@code  * N bytes in buffer I} line, up to {@code limit} bytes in all (-1: no limit).
     * It stops at the first buffer with nothing to show.
     */
    private void vector(StringBuilder out, int count, long iov, long limit, int tid) {
        long size = (long) IOVEC * Integer.toUnsignedLong(count);
        if (size > 0xffff_ffffL) {
            warnings.accept("dumpiov_upto: requested " + Integer.toUnsignedString(count)
                    + " iovec elements exceeds " + (0xffff_ffffL / IOVEC) + " iovec limit");
            return;
        }
        if (size == 0 || size > Integer.MAX_VALUE) {
            return;
        }
        byte[] vec = new byte[(int) size];
        if (!readFully(iov, vec, 0, vec.length)) {
            return;
        }
        for (int i = 0; i < count; i++) {
            long base = longAt(vec, i * IOVEC);
            long len = longAt(vec, i * IOVEC + 8);
            if (Long.compareUnsigned(len, limit) > 0) {
                len = limit;
            }
            if (len == 0) {
                break;
            }
            limit -= len;
            out.append(" * ").append(Long.toUnsignedString(len)).append(" bytes in buffer ").append(i).append('\n');
            bytes(out, base, len, tid);
        }
    }

    /** strace's dumpiov_in_msghdr: the vector of the struct msghdr at {@code msg}. */
    private void message(StringBuilder out, long msg, long limit, int tid) {
        byte[] hdr = new byte[MSGHDR];
        if (readFully(msg, hdr, 0, MSGHDR)) {
            vector(out, (int) longAt(hdr, 24), longAt(hdr, 16), limit, tid);
        }
    }

    /**
     * strace's dumpiov_in_mmsghdr: as many struct mmsghdr as the call returned (read as an
     * unsigned int, as strace reads it), each vector limited to the bytes its msg_len says.
     */
    private void messages(StringBuilder out, long vec, long count, int tid) {
        long n = count & 0xffff_ffffL;
        byte[] m = new byte[MMSGHDR];
        for (long i = 0; i < n; i++, vec += MMSGHDR) {
            if (!readFully(vec, m, 0, MMSGHDR)) {
                break;
            }
            long iovlen = longAt(m, 24);
            out.append(" = ").append(Long.toUnsignedString(iovlen)).append(" buffers in vector ").append(i).append('\n');
            vector(out, (int) iovlen, longAt(m, 16), intAt(m, 56) & 0xffff_ffffL, tid);
        }
    }

    /**
     * strace's dumpstr: the {@code len} bytes at {@code address} in lines of {@link #line}. Nothing
     * when the first bytes cannot be read; a {@code  | <Cannot fetch ...>} line when later ones
     * cannot.
     */
    private void bytes(StringBuilder out, long address, long len, int tid) {
        if (Long.compareUnsigned(len, len + LINE) > 0 || Long.compareUnsigned(address + len, address) < 0) {
            return;
        }
        int width = Long.compareUnsigned(len, 1L << 20) > 0 ? 1 + (63 - Long.numberOfLeadingZeros(len - 1)) / 4 : 5;
        int bufSize = (int) Math.min(Math.min(Long.divideUnsigned(len + LINE - 1, LINE) * LINE, CHUNK), CHUNK);
        byte[] buf = new byte[bufSize];
        for (long i = 0; Long.compareUnsigned(i, len) < 0; i += bufSize) {
            int fetch = (int) Math.min(Long.compareUnsigned(len - i, bufSize) < 0 ? len - i : bufSize, bufSize);
            if (!readFully(address + i, buf, 0, fetch)) {
                if (i != 0) {
                    out.append(" | <Cannot fetch ").append(fetch).append(" byte").append(fetch == 1 ? "" : "s")
                            .append(" from pid ").append(tid).append(" @0x").append(Long.toHexString(address + i))
                            .append(">\n");
                }
                return;
            }
            for (int at = 0; at < fetch; at += LINE) {
                line(out, i + at, width, buf, at, Math.min(LINE, fetch - at));
            }
        }
    }

    /**
     * One line of strace's hex dump: {@code  | }, the offset in hex padded with zeros to
     * {@code width} digits, two blanks, sixteen bytes in hex in two groups of eight (blanks where
     * {@code count} is shorter), the same bytes as text ({@code .} for all but printable ASCII),
     * and {@code  |}.
     *
     * @param out    where the line goes, with its newline
     * @param offset the offset of the line's first byte in the data dumped
     * @param width  the least number of hex digits of the offset (strace: 5, more for data over 1 MiB)
     * @param data   the bytes
     * @param off    where the line's bytes start in {@code data}
     * @param count  how many there are, from 1 to 16
     */
    public static void line(StringBuilder out, long offset, int width, byte[] data, int off, int count) {
        out.append(" | ");
        String hex = Long.toHexString(offset);
        out.repeat('0', Math.max(0, width - hex.length())).append(hex).append("  ");
        for (int k = 0; k < LINE; k++) {
            if (k < count) {
                int b = data[off + k] & 0xff;
                out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            } else {
                out.append("  ");
            }
            out.append(' ');
            if (k % GROUP == GROUP - 1) {
                out.append(' ');
            }
        }
        for (int k = 0; k < LINE; k++) {
            if (k < count) {
                int b = data[off + k] & 0xff;
                out.append(b >= ' ' && b < 0x7f ? (char) b : '.');
            } else {
                out.append(' ');
            }
        }
        out.append(" |\n");
    }

    /** strace's umoven: all of it or nothing, with strace's warning when only some could be read. */
    private boolean readFully(long address, byte[] dst, int off, int len) {
        long n = memory.read(address, dst, off, len);
        if (n == len) {
            return true;
        }
        if (n > 0) {
            warnings.accept("umoven: short read (" + n + " < " + len + ") @0x" + Long.toHexString(address));
        }
        return false;
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[at + k] & 0xff);
        }
        return v;
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
