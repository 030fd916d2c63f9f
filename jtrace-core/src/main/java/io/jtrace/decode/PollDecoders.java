package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

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
        r.textArg("epoll_event", (out, v, call, ctx) -> {
            if ((int) call.arg(1) == EPOLL_CTL_DEL) {
                DecodeContext.address(out, v);
            } else {
                epollEvents(out, v, 1, false, ctx);
            }
        });
        r.textArg("epoll_events", (out, v, call, ctx) -> epollEvents(out, v, call.rval(), true, ctx));
        r.textArg("sigset_len4", (out, v, call, ctx) -> sigset(out, v, call.arg(4), ctx));
        r.textArg("sigset_len5", (out, v, call, ctx) -> sigset(out, v, call.arg(5), ctx));
        r.textCall("poll", new Poll(false));
        r.textCall("ppoll", new Poll(true));
        r.textCall("select", new Select(false));
        r.textCall("pselect6", new Select(true));
    }

    /** A sigset_t of the kernel's size, as the calls that take one with its size print it. */
    static void sigset(StringBuilder out, long address, long size, DecodeContext ctx) {
        ByteBuffer b = size == SIGSET_BYTES ? ctx.read(address, SIGSET_BYTES) : null;
        if (b == null) {
            DecodeContext.address(out, address);
        } else {
            SignalDecoders.sigset(out, b.getLong(0));
        }
    }

    /** {@code count} struct epoll_event, packed on x86_64: events, then the 64-bit data. */
    private static void epollEvents(StringBuilder out, long address, long count, boolean array, DecodeContext ctx) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        if (array && count == 0) {
            out.append("[]");
            return;
        }
        if (!array) {
            ByteBuffer event = ctx.read(address, EPOLL_EVENT);
            if (event == null) {
                DecodeContext.address(out, address);
            } else {
                epollEvent(out, event);
            }
            return;
        }
        ArrayPrinter.print(out, address, count, EPOLL_EVENT, ArrayPrinter.shown(count, ctx), ctx,
                (o, b, i) -> epollEvent(o, b));
    }

    private static void epollEvent(StringBuilder out, ByteBuffer b) {
        out.append("{events=");
        XlatFormat.flags(out, Xlat.get("epollevents"), Integer.toUnsignedLong(b.getInt(0)));
        long data = b.getLong(4);
        out.append(", data={u32=").append(Integer.toUnsignedString((int) data))
                .append(", u64=").append(Long.toUnsignedString(data)).append("}}");
    }

    /**
     * poll(fds, nfds, timeout) and ppoll(fds, nfds, tsp, sigmask, sigsetsize): the descriptors and
     * events asked for at entry; the ready ones, and for ppoll the time left, after the result.
     */
    private record Poll(boolean withSignals) implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            long fds = call.arg(0), nfds = call.arg(1);
            pollfds(out, fds, nfds, ctx);
            out.append(", ").append(nfds).append(", ");
            if (withSignals) {
                TimeDecoders.timespec(out, call.arg(2), ctx);
                out.append(", ");
                sigset(out, call.arg(3), call.arg(4), ctx);
                out.append(", ").append(Long.toUnsignedString(call.arg(4)));
            } else {
                out.append((int) call.arg(2));
            }
        }

        private static void pollfds(StringBuilder out, long address, long count, DecodeContext ctx) {
            if (address == 0) {
                out.append("NULL");
                return;
            }
            if (count == 0) {
                out.append("[]");
                return;
            }
            ArrayPrinter.print(out, address, count, POLLFD, ArrayPrinter.shown(count, ctx), ctx, (o, b, i) -> {
                int fd = b.getInt(0);
                o.append("{fd=");
                ctx.fd(o, fd);
                if (fd >= 0) {
                    o.append(", events=");
                    XlatFormat.flags(o, Xlat.get("pollflags"), b.getShort(4) & 0xffff);
                }
                o.append('}');
            });
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            out.append(')');
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            out.append("= ").append(call.rval());
            if (call.rval() == 0) {
                out.append(" (Timeout)");
                return true;
            }
            StringBuilder ready = new StringBuilder("[");
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
                if (printed++ > 0) {
                    ready.append(", ");
                }
                if (printed > ctx.stringLimit()) {
                    ready.append("...");
                    break;
                }
                ready.append("{fd=").append(b.getInt(0)).append(", revents=");
                XlatFormat.flags(ready, Xlat.get("pollflags"), revents);
                ready.append('}');
            }
            ready.append(']');
            out.append(" (").append(ready);
            if (withSignals && call.arg(2) != 0) {
                out.append(", left ");
                TimeDecoders.timespec(out, call.arg(2), ctx);
            }
            out.append(')');
            return true;
        }
    }

    /**
     * select(nfds, readfds, writefds, exceptfds, timeout) and pselect6, whose timeout is a timespec
     * and whose sixth argument holds a signal mask and its size: the sets at entry; the descriptors
     * left in them, and the time left, after the result.
     */
    private record Select(boolean withSignals) implements TextCallDecoder {
        private static final String[] SETS = {"in", "out", "except"};
        /** strace's buffer for what follows the result. */
        private static final int AUX_SIZE = 1024;

        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            int nfds = (int) call.arg(0);
            out.append(nfds);
            for (int i = 1; i <= 3; i++) {
                out.append(", ");
                fdSet(out, call.arg(i), nfds, ctx);
            }
            out.append(", ");
            if (withSignals) {
                TimeDecoders.timespec(out, call.arg(4), ctx);
                out.append(", ");
                signalMask(out, call.arg(5), ctx);
            } else {
                TimeDecoders.timeval(out, call.arg(4), ctx);
            }
        }

        /** pselect6's sixth argument: {@code {sigmask=[...], sigsetsize=8}}. */
        private static void signalMask(StringBuilder out, long address, DecodeContext ctx) {
            ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 16);
            if (b != null) {
                out.append("{sigmask=");
                sigset(out, b.getLong(0), b.getLong(8), ctx);
                out.append(", sigsetsize=").append(Long.toUnsignedString(b.getLong(8))).append('}');
            }
        }

        /** The bits of a set of {@code nfds} descriptors, read in longs, or null when unreadable. */
        private static ByteBuffer readSet(long address, int nfds, DecodeContext ctx) {
            int bytes = (Math.min(nfds, MAX_NFDS) + 63) / 64 * 8;
            return address == 0 || nfds < 0 ? null : bytes == 0 ? ByteBuffer.allocate(0) : ctx.read(address, bytes);
        }

        private static void fdSet(StringBuilder out, long address, int nfds, DecodeContext ctx) {
            // With no descriptors there are no bytes to read, and strace prints the address.
            ByteBuffer b = nfds <= 0 ? null : readSet(address, nfds, ctx);
            if (b == null) {
                DecodeContext.address(out, address);
                return;
            }
            out.append('[');
            members(out, b, nfds, ctx);
            out.append(']');
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
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            out.append(')');
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            out.append("= ").append(call.rval());
            if (call.rval() == 0) {
                out.append(" (Timeout)");
                return true;
            }
            // As strace builds it: the ready descriptors counted down from the result, a ']' after
            // each set once anything was written (even after a set with none ready), in a buffer of
            // 1024 bytes that descriptors and the time left are left out of when they would not fit;
            // the parentheses always.
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
                StringBuilder left = new StringBuilder();
                if (withSignals) {
                    TimeDecoders.timespec(left, call.arg(4), ctx);
                } else {
                    TimeDecoders.timeval(left, call.arg(4), ctx);
                }
                if (aux.length() + "left ".length() + 1 + separator.length() + left.length() < AUX_SIZE) {
                    aux.append(separator).append("left ").append(left);
                }
            }
            out.append(" (").append(aux).append(')');
            return true;
        }
    }
}
