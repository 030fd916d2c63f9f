package io.jtrace.decode.internal;

import io.jtrace.decode.TextWriter;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * Waiting on descriptors, as strace's {@code src/poll.c}, {@code src/desc.c} and
 * {@code src/epoll.c} print it: poll and ppoll with the ready descriptors in the result, select and
 * pselect6 with their descriptor sets, and the epoll calls.
 */
final class PollDecoders {
    private static final int POLLFD = 8, EPOLL_EVENT = 12, SIGSET_BYTES = 8;
    private static final int EPOLL_CTL_DEL = 2;
    /** The most descriptors strace reads of a set, as it caps nfds. */
    private static final int MAX_NFDS = 1024 * 1024;

    private PollDecoders() {}

    static void register(Registry r) {
        r.arg("epoll_event", (out, v, call, ctx) -> {
            if ((int) call.arg(1) == EPOLL_CTL_DEL) {
                out.pointer(v);
            } else {
                epollEvents(out, v, 1, false, ctx);
            }
        });
        r.arg("epoll_events", (out, v, call, ctx) -> epollEvents(out, v, call.rval(), true, ctx));
        r.arg("sigset_len4", (out, v, call, ctx) -> sigset(out, v, call.arg(4), ctx));
        r.arg("sigset_len5", (out, v, call, ctx) -> sigset(out, v, call.arg(5), ctx));
        r.call("poll", new Poll(false));
        r.call("ppoll", new Poll(true));
        r.call("select", new Select(false));
        r.call("pselect6", new Select(true));
    }

    /** As {@link #sigset(StringBuilder, long, long, DecodeContext)}: the set is one symbol, its value the mask. */
    static void sigset(ValueWriter out, long address, long size, DecodeContext ctx) {
        if (size != SIGSET_BYTES) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, SIGSET_BYTES);
        if (b != null) {
            StringBuilder text = new StringBuilder();
            SignalDecoders.sigset(text, b.getLong(0));
            out.symbol(text.toString(), b.getLong(0));
        }
    }

    /**
     * A signal mask and its size as pselect6 and io_pgetevents take them, strace's
     * print_kernel_sigset: {@code {sigmask=[...], sigsetsize=8}}.
     */
    static void signalMask(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 16);
        if (b != null) {
            out.beginStruct();
            out.field("sigmask");
            sigset(out, b.getLong(0), b.getLong(8), ctx);
            out.field("sigsetsize");
            out.integer(b.getLong(8), ValueWriter.Base.UDEC);
            out.endStruct();
        }
    }

    /** {@code count} struct epoll_event, packed on x86_64: events, then the 64-bit data. */
    private static void epollEvents(ValueWriter out, long address, long count, boolean array, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        if (array && count == 0) {
            out.beginArray();
            out.endArray();
            return;
        }
        if (!array) {
            ByteBuffer event = ctx.readOrAddress(out, address, EPOLL_EVENT);
            if (event != null) {
                epollEvent(out, event);
            }
            return;
        }
        ArrayPrinter.write(out, address, count, EPOLL_EVENT, ArrayPrinter.shown(count, ctx), ctx,
                (o, b, i) -> epollEvent(o, b));
    }

    private static void epollEvent(ValueWriter out, ByteBuffer b) {
        out.beginStruct();
        out.field("events");
        XlatFormat.flags(out, Xlat.get("epollevents"), Integer.toUnsignedLong(b.getInt(0)));
        long data = b.getLong(4);
        out.field("data");
        out.beginStruct();
        out.field("u32");
        out.integer(Integer.toUnsignedLong((int) data), ValueWriter.Base.DEC);
        out.field("u64");
        out.integer(data, ValueWriter.Base.UDEC);
        out.endStruct();
        out.endStruct();
    }

    /** What a value written to a {@link ValueWriter} looks like in strace's text. */
    private static String text(DecodeContext ctx, java.util.function.Consumer<ValueWriter> value) {
        StringBuilder text = new StringBuilder();
        value.accept(new TextWriter(text, ctx.hex()));
        return text.toString();
    }

    /**
     * poll(fds, nfds, timeout) and ppoll(fds, nfds, tsp, sigmask, sigsetsize): the descriptors and
     * events asked for at entry; the ready ones, and for ppoll the time left, after the result.
     */
    private record Poll(boolean withSignals) implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            long fds = call.arg(0), nfds = call.arg(1);
            pollfds(out, fds, nfds, ctx);
            out.integer(nfds, ValueWriter.Base.DEC);
            if (withSignals) {
                TimeDecoders.timespec(out, call.arg(2), ctx);
                sigset(out, call.arg(3), call.arg(4), ctx);
                out.integer(call.arg(4), ValueWriter.Base.UDEC);
            } else {
                out.integer((int) call.arg(2), ValueWriter.Base.DEC);
            }
        }

        private static void pollfds(ValueWriter out, long address, long count, DecodeContext ctx) {
            if (address == 0) {
                out.pointer(0);
                return;
            }
            if (count == 0) {
                out.beginArray();
                out.endArray();
                return;
            }
            ArrayPrinter.write(out, address, count, POLLFD, ArrayPrinter.shown(count, ctx), ctx, (o, b, i) -> {
                int fd = b.getInt(0);
                o.beginStruct();
                o.field("fd");
                ctx.fd(o, fd);
                if (fd >= 0) {
                    o.field("events");
                    XlatFormat.flags(o, Xlat.get("pollflags"), b.getShort(4) & 0xffff);
                }
                o.endStruct();
            });
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
        }

        /**
         * The count, then in parentheses {@code Timeout}, or the descriptors ready with what they
         * are ready for and, for ppoll, the time left: {@code 1 ([{fd=3, revents=POLLIN}], left {...})}.
         */
        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            // Without -e verbose= for the call, strace explains a timeout but not the ready ones.
            if (call.isError() || call.rval() != 0 && !ctx.dereference()) {
                return false;
            }
            out.integer(call.rval(), ValueWriter.Base.DEC);
            if (call.rval() == 0) {
                out.beginNote("Timeout");
                out.endNote();
                return true;
            }
            out.beginNote("");
            out.beginArray();
            long nfds = call.arg(1);
            int printed = 0;
            for (long i = 0; i < nfds && printed < call.rval(); i++) {
                ByteBuffer b = ctx.read(call.arg(0) + i * POLLFD, POLLFD);
                if (b == null) {
                    break;
                }
                int revents = b.getShort(6) & 0xffff;
                if (revents == 0) {
                    continue;
                }
                if (++printed > ctx.stringLimit()) {
                    out.elided();
                    break;
                }
                out.beginStruct();
                out.field("fd");
                out.integer(b.getInt(0), ValueWriter.Base.DEC);
                out.field("revents");
                XlatFormat.flags(out, Xlat.get("pollflags"), revents);
                out.endStruct();
            }
            out.endArray();
            if (withSignals && call.arg(2) != 0) {
                // strace writes "left " and the time as one piece of its explanation.
                out.literal("left " + text(ctx, o -> TimeDecoders.timespec(o, call.arg(2), ctx)));
            }
            out.endNote();
            return true;
        }
    }

    /**
     * select(nfds, readfds, writefds, exceptfds, timeout) and pselect6, whose timeout is a timespec
     * and whose sixth argument holds a signal mask and its size: the sets at entry; the descriptors
     * left in them, and the time left, after the result.
     */
    private record Select(boolean withSignals) implements CallDecoder {
        private static final String[] SETS = {"in", "out", "except"};
        /** strace's buffer for what follows the result. */
        private static final int AUX_SIZE = 1024;

        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            int nfds = (int) call.arg(0);
            out.integer(nfds, ValueWriter.Base.DEC);
            for (int i = 1; i <= 3; i++) {
                fdSet(out, call.arg(i), nfds, ctx);
            }
            if (withSignals) {
                TimeDecoders.timespec(out, call.arg(4), ctx);
                signalMask(out, call.arg(5), ctx);
            } else {
                TimeDecoders.timeval(out, call.arg(4), ctx);
            }
        }

        /** The bits of a set of {@code nfds} descriptors, read in longs, or null when unreadable. */
        private static ByteBuffer readSet(long address, int nfds, DecodeContext ctx) {
            int bytes = (Math.min(nfds, MAX_NFDS) + 63) / 64 * 8;
            return address == 0 || nfds < 0 ? null : bytes == 0 ? ByteBuffer.allocate(0) : ctx.read(address, bytes);
        }

        /**
         * A set of descriptors, {@code [0 3</dev/null>]}: one symbol, as strace's sets are (its
         * value the set's first 64 bits).
         */
        private static void fdSet(ValueWriter out, long address, int nfds, DecodeContext ctx) {
            // With no descriptors there are no bytes to read, and strace prints the address.
            // At entry the sets are structures -e verbose= can leave unread; at exit strace reads them anyway.
            ByteBuffer b = nfds <= 0 || !ctx.dereference() ? null : readSet(address, nfds, ctx);
            if (b == null) {
                if (address == 0 || nfds <= 0) {
                    out.pointer(address);
                } else {
                    out.unreadable(address);
                }
                return;
            }
            StringBuilder text = new StringBuilder("[");
            members(text, b, nfds, ctx);
            text.append(']');
            out.symbol(text.toString(), b.capacity() >= 8 ? b.getLong(0) : 0);
        }

        /** The descriptors of a set at entry, each with -y's details. */
        private static void members(StringBuilder out, ByteBuffer b, int nfds, DecodeContext ctx) {
            boolean first = true;
            for (int fd = 0; fd < Math.min(nfds, MAX_NFDS); fd++) {
                if ((b.get(fd / 8) >> (fd % 8) & 1) != 0) {
                    if (!first) {
                        out.append(' ');
                    }
                    first = false;
                    ctx.fd(out, fd);
                }
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
        }

        /**
         * The count, then in parentheses {@code Timeout}, or the descriptors left in each set and
         * the time left, as strace writes them into one string: {@code 1 (in [3], left {...})}.
         */
        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            out.integer(call.rval(), ValueWriter.Base.DEC);
            if (call.rval() == 0) {
                out.beginNote("Timeout");
                out.endNote();
                return true;
            }
            // As strace builds it: the ready descriptors counted down from the result, a ']' after
            // each set once anything was written (even after a set with none ready), in a buffer of
            // 1024 bytes that descriptors and the time left are left out of when they would not fit;
            // the parentheses always. What it makes is one string, and is written as one.
            int nfds = (int) call.arg(0);
            long ready = call.rval();
            StringBuilder aux = new StringBuilder();
            String separator = "";
            for (int i = 1; i <= 3 && ready > 0; i++) {
                ByteBuffer b = call.arg(i) == 0 ? null : readSet(call.arg(i), nfds, ctx);
                if (b == null) {
                    continue;
                }
                boolean first = true;
                for (int fd = 0; fd < Math.min(nfds, MAX_NFDS); fd++) {
                    if ((b.get(fd / 8) >> (fd % 8) & 1) == 0) {
                        continue;
                    }
                    // Room for ", except [", a number of up to 12 characters, ']' and a NUL.
                    if (aux.length() < AUX_SIZE - (", except [".length() + 1 + 12 + 2)) {
                        if (first) {
                            aux.append(separator).append(SETS[i - 1]).append(" [").append(fd);
                            first = false;
                            separator = ", ";
                        } else {
                            aux.append(' ').append(fd);
                        }
                    }
                    if (--ready == 0) {
                        break;
                    }
                }
                if (!aux.isEmpty()) {
                    aux.append(']');
                }
            }
            if (call.arg(4) != 0) {
                String left = text(ctx, o -> {
                    if (withSignals) {
                        TimeDecoders.timespec(o, call.arg(4), ctx);
                    } else {
                        TimeDecoders.timeval(o, call.arg(4), ctx);
                    }
                });
                if (aux.length() + "left ".length() + 1 + separator.length() + left.length() < AUX_SIZE) {
                    aux.append(separator).append("left ").append(left);
                }
            }
            out.beginNote("");
            if (!aux.isEmpty()) {
                out.literal(aux.toString());
            }
            out.endNote();
            return true;
        }
    }
}
