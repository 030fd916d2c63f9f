package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Messages on sockets, as strace's {@code src/msghdr.c} and {@code src/mmsghdr.c} print them:
 * sendmsg, recvmsg, sendmmsg and recvmmsg, with struct msghdr's name, data vector and control
 * messages (descriptors, credentials, IP packet information).
 */
final class MsgDecoders {
    /** sizeof(struct msghdr), sizeof(struct mmsghdr), sizeof(struct cmsghdr) on x86_64. */
    private static final int MSGHDR = 56, MMSGHDR = 64, CMSGHDR = 16;
    private static final int SOL_IP = 0, SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2, SCM_SECURITY = 3;
    private static final int SO_TIMESTAMP_OLD = 29, SO_TIMESTAMPNS_OLD = 35, SO_TIMESTAMPING_OLD = 37,
            SO_TIMESTAMP_NEW = 63, SO_TIMESTAMPNS_NEW = 64, SO_TIMESTAMPING_NEW = 65;
    /** sizeof(struct timespec), and how many SO_TIMESTAMPING carries. */
    private static final int TIMESPEC = 16, TIMESTAMPING = 3;
    private static final int IP_TOS = 1, IP_TTL = 2, IP_RECVOPTS = 6, IP_RETOPTS = 7, IP_PKTINFO = 8, IP_RECVERR = 11,
            IP_ORIGDSTADDR = 20, IP_CHECKSUM = 23;
    private static final int UCRED = 12, IN_PKTINFO = 12, SOCKADDR_IN = 16, SOCKADDR_STORAGE = 128;
    /** struct sock_extended_err and the sockaddr_in of its offender, as IP_RECVERR carries them. */
    private static final int SOCK_EXTENDED_ERR = 32;
    /** The most messages strace prints of a vector, and the most names it keeps: IOV_MAX. */
    private static final int IOV_MAX = 1024;
    /** What a vector holds when every element's whole length is data: the calls that send. */
    private static final long ALL_DATA = -1;
    /** socketlayers with the comment strace's control messages print for an unknown level. */
    private static final Xlat LEVELS = new Xlat("socketlayers", Xlat.get("socketlayers").entries(), "SOL_???");

    private MsgDecoders() {}

    static void register(Registry r) {
        r.call("sendmsg", (EntryDecoder) (out, call, ctx) -> {
            ctx.fd(out, (int) call.arg(0));
            msghdr(out, call.arg(1), null, ALL_DATA, ctx);
            flags(out, call.arg(2));
        });
        r.call("recvmsg", new RecvMsg());
        r.call("sendmmsg", new SendMmsg());
        r.call("recvmmsg", new RecvMmsg());
    }

    private static void flags(ValueWriter out, long flags) {
        XlatFormat.flags(out, Xlat.get("msg_flags"), flags & 0xffffffffL);
    }

    /** An address whose memory was to be read: NULL, or unreadable. */
    private static void unread(ValueWriter out, long address) {
        if (address == 0) {
            out.pointer(0);
        } else {
            out.unreadable(address);
        }
    }

    /** The struct msghdr at {@code address}, or the address when unreadable. */
    private static void msghdr(ValueWriter out, long address, Integer userNameLength, long dataSize,
                               DecodeContext ctx) {
        ByteBuffer m = ctx.readStruct(address, MSGHDR);
        if (m == null) {
            unread(out, address);
        } else {
            msghdr(out, m, 0, userNameLength, dataSize, ctx);
        }
    }

    /**
     * The fields of a struct msghdr read at {@code at} in {@code m}: the name as long as the caller
     * offered at most, {@code [OFFERED => ]RETURNED} when the kernel changed its length, the data
     * spread over the vector, and the control messages.
     */
    private static void msghdr(ValueWriter out, ByteBuffer m, int at, Integer userNameLength, long dataSize,
                               DecodeContext ctx) {
        long name = m.getLong(at), iov = m.getLong(at + 16), iovlen = m.getLong(at + 24);
        long control = m.getLong(at + 32), controllen = m.getLong(at + 40);
        int nameLength = m.getInt(at + 8);
        out.beginStruct();
        out.field("msg_name");
        int shown = userNameLength != null && nameLength > userNameLength ? userNameLength : nameLength;
        SockaddrDecoder.sockaddr(out, name, shown, ctx);
        out.field("msg_namelen");
        if (userNameLength != null && userNameLength != nameLength) {
            out.integer(userNameLength, ValueWriter.Base.DEC);
            out.changed();
        }
        out.integer(nameLength, ValueWriter.Base.DEC);
        out.field("msg_iov");
        VectorDecoders.iovec(out, iov, iovlen, true, dataSize, ctx);
        out.field("msg_iovlen");
        out.integer(iovlen, ValueWriter.Base.UDEC);
        if (controllen != 0) {
            out.field("msg_control");
            control(out, control, controllen, ctx);
        }
        out.field("msg_controllen");
        out.integer(controllen, ValueWriter.Base.UDEC);
        out.field("msg_flags");
        flags(out, m.getInt(at + 48));
        out.endStruct();
    }

    /** sizeof(struct iovec). */
    private static final int IOVEC = 16;

    /**
     * The control messages: read whole up to the kernel's optmem_max (the address when that fails
     * or is shorter than a header), each header with its data, then {@code ...} and the address of
     * what is left when a header's length runs short, or bare when the length was cut to optmem_max.
     */
    private static void control(ValueWriter out, long address, long length, DecodeContext ctx) {
        int size = Long.compareUnsigned(length, OptMem.MAX) > 0 ? OptMem.MAX : (int) length;
        if (size < CMSGHDR) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readStruct(address, size);
        if (b == null) {
            unread(out, address);
            return;
        }
        out.beginArray();
        int at = 0, left = size;
        while (left >= CMSGHDR) {
            long cmsgLength = b.getLong(at);
            int level = b.getInt(at + 8), type = b.getInt(at + 12);
            out.beginStruct();
            out.field("cmsg_len");
            out.integer(cmsgLength, ValueWriter.Base.UDEC);
            out.field("cmsg_level");
            XlatFormat.value(out, LEVELS, Integer.toUnsignedLong(level));
            out.field("cmsg_type");
            long within = Long.compareUnsigned(cmsgLength, left) > 0 ? left : cmsgLength;
            int dataLength = within > CMSGHDR ? (int) within - CMSGHDR : 0;
            typeAndData(out, level, type, b, at + CMSGHDR, dataLength, address + at + CMSGHDR, ctx);
            out.endStruct();
            if (within < CMSGHDR) {
                left -= CMSGHDR;
                break;
            }
            long aligned = (cmsgLength + 7) & ~7L;
            if (Long.compareUnsigned(aligned, left) >= 0 || aligned == 0) {
                left = 0;
                break;
            }
            at += (int) aligned;
            left -= (int) aligned;
        }
        if (left != 0) {
            out.elided();
            long rest = address + (size - left);
            out.comment(rest == 0 ? "NULL" : "0x" + Long.toHexString(rest));
        } else if (Long.compareUnsigned(size, length) < 0) {
            out.elided();
        }
        out.endArray();
    }

    /** The type by the level's table, and the data of the types strace decodes when long enough. */
    private static void typeAndData(ValueWriter out, int level, int type, ByteBuffer b, int at, int length,
                                    long address, DecodeContext ctx) {
        switch (level) {
            case SOL_SOCKET -> {
                XlatFormat.value(out, Xlat.get("scmvals"), Integer.toUnsignedLong(type));
                switch (type) {
                    case SCM_RIGHTS -> {
                        if (length >= Integer.BYTES) {
                            out.field("cmsg_data");
                            intArray(out, b, at, length / Integer.BYTES, true, ctx);
                        }
                    }
                    case SCM_CREDENTIALS -> {
                        if (length >= UCRED) {
                            out.field("cmsg_data");
                            NetDecoders.ucred(out, b, at);
                        }
                    }
                    case SCM_SECURITY -> security(out, b, at, length);
                    case SO_TIMESTAMP_OLD, SO_TIMESTAMP_NEW -> timestamps(out, b, at, length, 0, false);
                    case SO_TIMESTAMPNS_OLD, SO_TIMESTAMPNS_NEW -> timestamps(out, b, at, length, 0, true);
                    case SO_TIMESTAMPING_OLD, SO_TIMESTAMPING_NEW -> timestamps(out, b, at, length, TIMESTAMPING, true);
                    default -> { }
                }
            }
            case SOL_IP -> {
                XlatFormat.value(out, Xlat.get("ip_cmsg_types"), Integer.toUnsignedLong(type));
                switch (type) {
                    case IP_PKTINFO -> {
                        if (length >= IN_PKTINFO) {
                            out.field("cmsg_data");
                            out.beginStruct();
                            out.field("ipi_ifindex");
                            SockaddrDecoder.ifindex(out, b.getInt(at), ctx);
                            SockaddrDecoder.inetAddress(out, b, at + 4, "ipi_spec_dst", ctx);
                            SockaddrDecoder.inetAddress(out, b, at + 8, "ipi_addr", ctx);
                            out.endStruct();
                        }
                    }
                    case IP_TTL, IP_CHECKSUM -> {
                        if (length >= Integer.BYTES) {
                            out.field("cmsg_data");
                            intArray(out, b, at, length / Integer.BYTES, false, ctx);
                        }
                    }
                    case IP_TOS, IP_RECVOPTS, IP_RETOPTS -> {
                        if (length >= 1) {
                            out.field("cmsg_data");
                            byteArray(out, b, at, length, ctx);
                        }
                    }
                    case IP_RECVERR -> {
                        if (length >= SOCK_EXTENDED_ERR) {
                            out.field("cmsg_data");
                            out.beginStruct();
                            out.field("ee_errno");
                            out.integer(Integer.toUnsignedLong(b.getInt(at)), ValueWriter.Base.DEC);
                            out.field("ee_origin");
                            out.integer(b.get(at + 4) & 0xff, ValueWriter.Base.DEC);
                            out.field("ee_type");
                            out.integer(b.get(at + 5) & 0xff, ValueWriter.Base.DEC);
                            out.field("ee_code");
                            out.integer(b.get(at + 6) & 0xff, ValueWriter.Base.DEC);
                            out.field("ee_info");
                            out.integer(Integer.toUnsignedLong(b.getInt(at + 8)), ValueWriter.Base.DEC);
                            out.field("ee_data");
                            out.integer(Integer.toUnsignedLong(b.getInt(at + 12)), ValueWriter.Base.DEC);
                            out.field("offender");
                            SockaddrDecoder.sockaddr(out, address + 16, SOCKADDR_IN, ctx);
                            out.endStruct();
                        }
                    }
                    case IP_ORIGDSTADDR -> {
                        if (length >= SOCKADDR_IN) {
                            out.field("cmsg_data");
                            SockaddrDecoder.sockaddr(out, address, Math.min(length, SOCKADDR_STORAGE), ctx);
                        }
                    }
                    case SCM_SECURITY -> security(out, b, at, length);
                    default -> { }
                }
            }
            default -> out.integer(Integer.toUnsignedLong(type), ValueWriter.Base.HEX);
        }
    }

    /**
     * A timeval or timespec, or {@code count} timespecs in brackets (0 for one alone), as strace
     * prints the time stamps of received packets: {@code ???} when the data is too short.
     */
    private static void timestamps(ValueWriter out, ByteBuffer b, int at, int length, int count, boolean nanos) {
        if (length < 1) {
            return;
        }
        out.field("cmsg_data");
        if (length < TIMESPEC * Math.max(count, 1)) {
            out.literal("???");
            return;
        }
        if (count == 0) {
            timestamp(out, b, at, nanos);
            return;
        }
        out.beginArray();
        for (int i = 0; i < count; i++) {
            timestamp(out, b, at + i * TIMESPEC, nanos);
        }
        out.endArray();
    }

    private static void timestamp(ValueWriter out, ByteBuffer b, int at, boolean nanos) {
        out.beginStruct();
        out.field("tv_sec");
        out.integer(b.getLong(at), ValueWriter.Base.DEC);
        out.field(nanos ? "tv_nsec" : "tv_usec");
        out.integer(b.getLong(at + 8), ValueWriter.Base.UDEC);
        out.endStruct();
    }

    private static void security(ValueWriter out, ByteBuffer b, int at, int length) {
        if (length >= 1) {
            out.field("cmsg_data");
            Quoting.buffer(out, b.array(), at, length, Integer.MAX_VALUE);
        }
    }

    /** Whether an array of {@code count} elements is cut to -s, as strace's print_array does. */
    private static int shown(int count, DecodeContext ctx) {
        return !ctx.verbose() && ctx.stringLimit() < count ? ctx.stringLimit() : count;
    }

    /** {@code [a, b, ...]}: descriptors (with -y paths) or unsigned ints, cut to -s elements. */
    private static void intArray(ValueWriter out, ByteBuffer b, int at, int count, boolean fds, DecodeContext ctx) {
        int shown = shown(count, ctx);
        out.beginArray();
        for (int i = 0; i < shown; i++) {
            int v = b.getInt(at + i * Integer.BYTES);
            if (fds) {
                ctx.fd(out, v);
            } else {
                out.integer(Integer.toUnsignedLong(v), ValueWriter.Base.DEC);
            }
        }
        if (shown < count) {
            out.elided();
        }
        out.endArray();
    }

    /** {@code [0x45, ...]}: bytes in hex, cut to -s elements. */
    private static void byteArray(ValueWriter out, ByteBuffer b, int at, int count, DecodeContext ctx) {
        int shown = shown(count, ctx);
        out.beginArray();
        for (int i = 0; i < shown; i++) {
            out.integer(b.get(at + i) & 0xff, ValueWriter.Base.HEX);
        }
        if (shown < count) {
            out.elided();
        }
        out.endArray();
    }

    /**
     * The kernel's limit on control data, which strace reads no more of: optmem_max rounded up to
     * a multiple of 8, or 8 * (2 * IOV_MAX + 512) when it cannot be read.
     */
    private static final class OptMem {
        static final int MAX = read();

        private static int read() {
            // Read by line: Files.readString trusts the size procfs reports and returns a single byte.
            try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys/net/core/optmem_max"))) {
                String line = r.readLine();
                int v = line == null ? 0 : Integer.parseInt(line.trim());
                if (v > 0) {
                    return (v + 7) & ~7;
                }
            } catch (IOException | NumberFormatException e) {
                // as strace: the default below
            }
            return Long.BYTES * (2 * IOV_MAX + 512);
        }
    }

    /**
     * recvmsg(fd, msg, flags): the message at exit, its name's length offered at entry beside the
     * one returned; on failure only {@code {msg_namelen=N}}; an unreadable msghdr ends it at entry.
     */
    private static final class RecvMsg implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            ByteBuffer m = ctx.readStruct(call.arg(1), MSGHDR);
            if (m != null) {
                call.saved().put(m.getInt(8));
                out.separator();
                return;
            }
            unread(out, call.arg(1));
            flags(out, call.arg(2));
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.saved().has()) {
                // The name's length offered at entry: the kernel has overwritten it since.
                int offered = (int) call.saved().get();
                if (call.isError()) {
                    out.beginStruct();
                    out.field("msg_namelen");
                    out.integer(offered, ValueWriter.Base.DEC);
                    out.endStruct();
                } else {
                    msghdr(out, call.arg(1), offered, call.rval(), ctx);
                }
                flags(out, call.arg(2));
            }
        }
    }

    /**
     * An array of struct mmsghdr, as strace's print_array: elements read one by one up to -s (unless
     * -v), at most {@code limit} of them, the first {@code withLength} with their msg_len.
     *
     * @param userNameLengths the name lengths offered at entry, or null
     * @param received        whether each element's data is its msg_len bytes, or its whole vector
     */
    private static void mmsgVector(ValueWriter out, long address, long count, int withLength, int limit,
                                   int[] userNameLengths, boolean received, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        if (count == 0) {
            out.beginArray();
            out.endArray();
            return;
        }
        long shown = Math.min(ArrayPrinter.shown(count, ctx), limit);
        ArrayPrinter.write(out, address, count, MMSGHDR, shown, ctx, (o, e, i) -> {
            int messageLength = e.getInt(MSGHDR);
            o.beginStruct();
            o.field("msg_hdr");
            Integer offered = userNameLengths == null ? null : userNameLengths[(int) i];
            msghdr(o, e, 0, offered, received ? Integer.toUnsignedLong(messageLength) : ALL_DATA, ctx);
            if (i < withLength) {
                o.field("msg_len");
                o.integer(Integer.toUnsignedLong(messageLength), ValueWriter.Base.DEC);
            }
            o.endStruct();
        });
    }

    /** sendmmsg(fd, msgvec, vlen, flags): the vector at exit, with the lengths of the messages sent. */
    private static final class SendMmsg implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            if (!ctx.dereference()) {
                // Without -e verbose= for the call, strace prints it whole at entry, the vector's address.
                out.pointer(call.arg(1));
                out.integer(Integer.toUnsignedLong((int) call.arg(2)), ValueWriter.Base.DEC);
                flags(out, call.arg(3));
                return;
            }
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            if (!ctx.dereference()) {
                return;
            }
            int vlen = (int) call.arg(2);
            int sent = call.isError() ? 0 : (int) call.rval();
            mmsgVector(out, call.arg(1), Integer.toUnsignedLong(vlen), sent, IOV_MAX, null, false, ctx);
            out.integer(Integer.toUnsignedLong(vlen), ValueWriter.Base.DEC);
            flags(out, call.arg(3));
        }
    }

    /**
     * What recvmmsg keeps from its entry: the name lengths offered, and the timeout as it was (its
     * bytes, or null when they could not be read).
     */
    private record MmsgEntry(int[] nameLengths, ByteBuffer timeout) {}

    /**
     * recvmmsg(fd, msgvec, vlen, flags, timeout): the messages received at exit, then the timeout
     * as it was at entry; the result {@code (Timeout)} when none came, else the time left.
     */
    private static final class RecvMmsg implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            if (!ctx.dereference()) {
                // Without -e verbose= for the call: the vector's address, and the timeout's.
                out.pointer(call.arg(1));
                out.integer(Integer.toUnsignedLong((int) call.arg(2)), ValueWriter.Base.DEC);
                flags(out, call.arg(3));
                unread(out, call.arg(4));
                return;
            }
            int vlen = (int) Math.min(Integer.toUnsignedLong((int) call.arg(2)), IOV_MAX);
            int fetched = 0;
            int[] lengths = new int[vlen];
            for (; fetched < vlen; fetched++) {
                ByteBuffer e = ctx.readStruct(call.arg(1) + (long) fetched * MMSGHDR, MMSGHDR);
                if (e == null) {
                    break;
                }
                lengths[fetched] = e.getInt(8);
            }
            ByteBuffer timeout = ctx.readStruct(call.arg(4), TIMESPEC);
            call.saved().putObject(new MmsgEntry(Arrays.copyOf(lengths, fetched), timeout));
            call.saved().put(fetched);
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            if (!ctx.dereference()) {
                return;
            }
            MmsgEntry entry = call.saved().has() && call.saved().object() instanceof MmsgEntry e ? e : null;
            int[] lengths = entry == null ? new int[0] : entry.nameLengths();
            if (call.isError()) {
                // strace fetches no element of a failed call.
                out.pointer(call.arg(1));
            } else {
                long received = call.rval() & 0xffffffffL;
                mmsgVector(out, call.arg(1), received, (int) received, Math.min(IOV_MAX, lengths.length),
                        lengths, true, ctx);
            }
            out.integer(Integer.toUnsignedLong((int) call.arg(2)), ValueWriter.Base.DEC);
            flags(out, call.arg(3));
            // The timeout as it was at entry: the kernel has written the time left over it since.
            timespec(out, call.arg(4), entry == null ? ctx.readStruct(call.arg(4), TIMESPEC) : entry.timeout());
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            if (call.rval() == 0) {
                out.integer(0, ValueWriter.Base.DEC);
                out.beginNote("Timeout");
                out.endNote();
                return true;
            }
            if (call.arg(4) == 0 || !ctx.dereference()) {
                return false;
            }
            out.integer(call.rval(), ValueWriter.Base.DEC);
            out.beginNote("left ");
            timespec(out, call.arg(4), ctx.readStruct(call.arg(4), TIMESPEC));
            out.endNote();
            return true;
        }

        /** struct timespec read from {@code address}: NULL, the address when unreadable, else its fields. */
        private static void timespec(ValueWriter out, long address, ByteBuffer b) {
            if (b == null) {
                unread(out, address);
                return;
            }
            out.beginStruct();
            out.field("tv_sec");
            out.integer(b.getLong(0), ValueWriter.Base.DEC);
            out.field("tv_nsec");
            out.integer(b.getLong(8), ValueWriter.Base.UDEC);
            out.endStruct();
        }
    }
}
