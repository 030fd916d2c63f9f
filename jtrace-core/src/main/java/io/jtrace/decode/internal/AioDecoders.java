package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * Linux asynchronous I/O, as strace's {@code src/aio.c} prints it: io_setup's context, the control
 * blocks io_submit and io_cancel take, and the events io_getevents and io_pgetevents return.
 */
final class AioDecoders {
    /** struct iocb and struct io_event on x86_64. */
    private static final int IOCB = 64, IO_EVENT = 32;
    private static final int IOCB_CMD_PWRITE = 1, IOCB_CMD_PWRITEV = 8;
    private static final int IOCB_FLAG_RESFD = 1, IOCB_FLAG_IOPRIO = 2;

    /** What follows the header of a control block, by its opcode. */
    private enum Payload { NONE, BUFFER, VECTOR, POLL }

    /** By IOCB_CMD_ value: PREAD, PWRITE, FSYNC, FDSYNC, PREADX, POLL, NOOP, PREADV, PWRITEV. */
    private static final Payload[] PAYLOADS = {
        Payload.BUFFER, Payload.BUFFER, Payload.NONE, Payload.NONE, Payload.NONE, Payload.POLL,
        Payload.NONE, Payload.VECTOR, Payload.VECTOR,
    };

    private AioDecoders() {}

    static void register(Registry r) {
        r.arg("aio_context", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, 8);
            if (b != null) {
                out.beginArray();
                out.pointer(b.getLong(0));
                out.endArray();
            }
        });
        r.arg("iocbpp", AioDecoders::iocbs);
        r.arg("iocb_header", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, IOCB);
            if (b != null) {
                out.beginStruct();
                header(out, b, ctx);
                out.endStruct();
            }
        });
        r.arg("io_event", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, IO_EVENT);
            if (b != null) {
                event(out, b);
            }
        });
        r.call("io_getevents", new GetEvents(false));
        r.call("io_pgetevents", new GetEvents(true));
    }

    /** io_submit's array of pointers to control blocks; a negative count prints the address. */
    private static void iocbs(ValueWriter out, long address, Call call, DecodeContext ctx) {
        long nr = call.arg(1);
        if (nr < 0) {
            out.pointer(address);
            return;
        }
        ArrayPrinter.array(out, address, nr, 8, ctx, (o, e, i) -> {
            ByteBuffer cb = ctx.readOrAddress(o, e.getLong(0), IOCB);
            if (cb != null) {
                iocb(o, cb, ctx);
            }
        });
    }

    /** A whole struct iocb: the header, then what its opcode uses. */
    private static void iocb(ValueWriter out, ByteBuffer cb, DecodeContext ctx) {
        out.beginStruct();
        int opcode = header(out, cb, ctx);
        long buf = cb.getLong(24), nbytes = cb.getLong(32);
        // strace decodes the buffer only when the length fits a signed size
        boolean valid = nbytes >= 0;
        switch (opcode < PAYLOADS.length ? PAYLOADS[opcode] : Payload.NONE) {
            case BUFFER -> {
                out.field("aio_buf");
                if (opcode == IOCB_CMD_PWRITE && valid) {
                    ctx.data(out, buf, nbytes);
                } else {
                    out.integer(buf, ValueWriter.Base.HEX);
                }
                out.field("aio_nbytes");
                out.integer(nbytes, ValueWriter.Base.UDEC);
                offsetAndFlags(out, cb, ctx);
            }
            case VECTOR -> {
                out.field("aio_buf");
                if (valid) {
                    VectorDecoders.iovec(out, buf, nbytes, opcode == IOCB_CMD_PWRITEV, VectorDecoders.ALL_DATA, ctx);
                } else {
                    out.integer(buf, ValueWriter.Base.HEX);
                    out.field("aio_nbytes");
                    out.integer(nbytes, ValueWriter.Base.UDEC);
                }
                offsetAndFlags(out, cb, ctx);
            }
            case POLL -> {
                out.field("aio_buf");
                XlatFormat.flags(out, Xlat.get("pollflags"), buf);
                flags(out, cb, ctx);
            }
            case NONE -> { }
        }
        out.endStruct();
    }

    /**
     * The members every control block prints: aio_data, aio_key and aio_rw_flags when set, the
     * opcode, the priority when given or set, the descriptor. Returns the opcode.
     */
    private static int header(ValueWriter out, ByteBuffer cb, DecodeContext ctx) {
        out.field("aio_data");
        out.integer(cb.getLong(0), ValueWriter.Base.HEX);
        int key = cb.getInt(8), rwFlags = cb.getInt(12);
        if (key != 0) {
            out.field("aio_key");
            out.integer(Integer.toUnsignedLong(key), ValueWriter.Base.UDEC);
        }
        if (rwFlags != 0) {
            out.field("aio_rw_flags");
            XlatFormat.flags(out, Xlat.get("rwf_flags"), Integer.toUnsignedLong(rwFlags));
        }
        int opcode = Short.toUnsignedInt(cb.getShort(16));
        out.field("aio_lio_opcode");
        XlatFormat.decimal(out, Xlat.get("aio_cmds"), opcode, false);
        short reqprio = cb.getShort(18);
        if ((cb.getInt(56) & IOCB_FLAG_IOPRIO) != 0) {
            out.field("aio_reqprio");
            SchedDecoders.ioprioInHex(out, Short.toUnsignedInt(reqprio)); // strace reads the priority unsigned here
        } else if (reqprio != 0) {
            out.field("aio_reqprio");
            out.integer(reqprio, ValueWriter.Base.DEC);
        }
        out.field("aio_fildes");
        ctx.fd(out, cb.getInt(20));
        return opcode;
    }

    private static void offsetAndFlags(ValueWriter out, ByteBuffer cb, DecodeContext ctx) {
        out.field("aio_offset");
        out.integer(cb.getLong(40), ValueWriter.Base.DEC);
        flags(out, cb, ctx);
    }

    /** aio_flags when set, and aio_resfd: a descriptor when IOCB_FLAG_RESFD says so, else in hex when set. */
    private static void flags(ValueWriter out, ByteBuffer cb, DecodeContext ctx) {
        int flags = cb.getInt(56), resfd = cb.getInt(60);
        if (flags != 0) {
            out.field("aio_flags");
            XlatFormat.flags(out, Xlat.get("aio_iocb_flags"), Integer.toUnsignedLong(flags));
        }
        if ((flags & IOCB_FLAG_RESFD) != 0) {
            out.field("aio_resfd");
            ctx.fd(out, resfd);
        } else if (resfd != 0) {
            out.field("aio_resfd");
            out.integer(Integer.toUnsignedLong(resfd), ValueWriter.Base.HEX);
        }
    }

    /** struct io_event: data and obj in hex, the results signed. */
    private static void event(ValueWriter out, ByteBuffer b) {
        out.beginStruct();
        out.field("data");
        out.integer(b.getLong(0), ValueWriter.Base.HEX);
        out.field("obj");
        out.integer(b.getLong(8), ValueWriter.Base.HEX);
        out.field("res");
        out.integer(b.getLong(16), ValueWriter.Base.DEC);
        out.field("res2");
        out.integer(b.getLong(24), ValueWriter.Base.DEC);
        out.endStruct();
    }

    /**
     * io_getevents(ctx, min_nr, nr, events, timeout) and io_pgetevents, with the signal mask
     * structure after: the events at exit, as many as the result says (the address when it
     * failed); the timeout and mask, which the kernel reads at entry, at exit too, failed or not.
     */
    private record GetEvents(boolean withSignals) implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            out.pointer(call.arg(0));
            out.integer(call.arg(1), ValueWriter.Base.DEC);
            out.integer(call.arg(2), ValueWriter.Base.DEC);
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            // a failed call's -1, taken as a count, overflows: the address is printed
            ArrayPrinter.array(out, call.arg(3), call.isError() ? -1 : call.rval(), IO_EVENT, ctx,
                    (o, e, i) -> event(o, e));
            TimeDecoders.timespec(out, call.arg(4), ctx);
            if (withSignals) {
                PollDecoders.signalMask(out, call.arg(5), ctx);
            }
        }
    }
}
