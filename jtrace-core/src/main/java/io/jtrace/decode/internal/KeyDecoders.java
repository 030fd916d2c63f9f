package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Errno;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * The kernel's key management, as strace's {@code src/keyctl.c} prints it: add_key, request_key,
 * and keyctl, whose command decides what its four other arguments are. Key serial numbers are
 * printed in decimal, the special ones ({@code KEY_SPEC_*}) by name.
 */
final class KeyDecoders {
    private static final int KEYCTL_GET_KEYRING_ID = 0, KEYCTL_JOIN_SESSION_KEYRING = 1, KEYCTL_UPDATE = 2,
            KEYCTL_REVOKE = 3, KEYCTL_CHOWN = 4, KEYCTL_SETPERM = 5, KEYCTL_DESCRIBE = 6, KEYCTL_CLEAR = 7,
            KEYCTL_LINK = 8, KEYCTL_UNLINK = 9, KEYCTL_SEARCH = 10, KEYCTL_READ = 11, KEYCTL_INSTANTIATE = 12,
            KEYCTL_NEGATE = 13, KEYCTL_SET_REQKEY_KEYRING = 14, KEYCTL_SET_TIMEOUT = 15,
            KEYCTL_ASSUME_AUTHORITY = 16, KEYCTL_GET_SECURITY = 17, KEYCTL_SESSION_TO_PARENT = 18,
            KEYCTL_REJECT = 19, KEYCTL_INSTANTIATE_IOV = 20, KEYCTL_INVALIDATE = 21, KEYCTL_GET_PERSISTENT = 22,
            KEYCTL_DH_COMPUTE = 23, KEYCTL_PKEY_QUERY = 24, KEYCTL_PKEY_ENCRYPT = 25, KEYCTL_PKEY_DECRYPT = 26,
            KEYCTL_PKEY_SIGN = 27, KEYCTL_PKEY_VERIFY = 28, KEYCTL_RESTRICT_KEYRING = 29, KEYCTL_MOVE = 30,
            KEYCTL_CAPABILITIES = 31;

    /** struct keyctl_dh_params: three key serial numbers. */
    private static final int DH_PARAMS_SIZE = 12;
    /** struct keyctl_kdf_params: two pointers, a length and eight spare words, padded to 8 bytes. */
    private static final int KDF_PARAMS_SIZE = 56, KDF_SPARE = 20, KDF_SPARE_WORDS = 8;
    /** struct keyctl_pkey_query: the operations, five sizes and ten spare words. */
    private static final int PKEY_QUERY_SIZE = 56, PKEY_QUERY_SPARE = 16, PKEY_QUERY_SPARE_WORDS = 10;
    /** struct keyctl_pkey_params: the key, two lengths and seven spare words. */
    private static final int PKEY_PARAMS_SIZE = 40, PKEY_PARAMS_SPARE = 12, PKEY_PARAMS_SPARE_WORDS = 7;

    private KeyDecoders() {}

    static void register(Registry r) {
        r.call("add_key", (EntryDecoder) (out, call, ctx) -> {
            ctx.string(out, call.arg(0));
            ctx.string(out, call.arg(1));
            ctx.data(out, call.arg(2), call.arg(3));
            out.integer(call.arg(3), ValueWriter.Base.UDEC);
            serial(out, call.arg(4));
        });
        r.call("request_key", (EntryDecoder) (out, call, ctx) -> {
            ctx.string(out, call.arg(0));
            ctx.string(out, call.arg(1));
            ctx.string(out, call.arg(2));
            serial(out, call.arg(3));
        });
        r.call("keyctl", new Keyctl());
    }

    /** A key serial number: a {@code KEY_SPEC_*} name, else the number in decimal. */
    private static void serial(ValueWriter out, long v) {
        XlatFormat.decimal(out, Xlat.get("key_spec"), (int) v, true);
    }

    /** A 32-bit unsigned argument in decimal. */
    private static void u32(ValueWriter out, long v) {
        out.integer(v & 0xffffffffL, ValueWriter.Base.UDEC);
    }

    /**
     * keyctl(cmd, arg2, arg3, arg4, arg5). The commands that fill a buffer (DESCRIBE, READ,
     * GET_SECURITY, DH_COMPUTE, PKEY_QUERY, CAPABILITIES, and ENCRYPT, DECRYPT and SIGN once their
     * parameters could be read) print it and what follows it at exit; all others are printed whole
     * at entry. A command strace does not know shows its four arguments in hex.
     */
    private static final class Keyctl implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            int cmd = (int) call.arg(0);
            long a2 = call.arg(1), a3 = call.arg(2), a4 = call.arg(3), a5 = call.arg(4);
            XlatFormat.value(out, Xlat.get("keyctl_commands"), cmd & 0xffffffffL);
            switch (cmd) {
                case KEYCTL_GET_KEYRING_ID -> {
                    serial(out, a2);
                    out.integer((int) a3, ValueWriter.Base.DEC);
                }
                case KEYCTL_JOIN_SESSION_KEYRING -> ctx.string(out, a2);
                case KEYCTL_UPDATE -> {
                    serial(out, a2);
                    ctx.data(out, a3, a4);
                    out.integer(a4, ValueWriter.Base.UDEC);
                }
                case KEYCTL_REVOKE, KEYCTL_CLEAR, KEYCTL_INVALIDATE, KEYCTL_ASSUME_AUTHORITY -> serial(out, a2);
                case KEYCTL_LINK, KEYCTL_UNLINK -> {
                    serial(out, a2);
                    serial(out, a3);
                }
                case KEYCTL_DESCRIBE, KEYCTL_READ, KEYCTL_GET_SECURITY -> {
                    serial(out, a2);
                    out.separator();
                }
                case KEYCTL_SEARCH -> {
                    serial(out, a2);
                    ctx.string(out, a3);
                    ctx.string(out, a4);
                    serial(out, a5);
                }
                case KEYCTL_CHOWN -> {
                    serial(out, a2);
                    FileDecoders.id(out, a3);
                    FileDecoders.id(out, a4);
                }
                case KEYCTL_SETPERM -> {
                    serial(out, a2);
                    XlatFormat.flags(out, Xlat.get("key_perms"), a3 & 0xffffffffL);
                }
                case KEYCTL_INSTANTIATE -> {
                    serial(out, a2);
                    ctx.data(out, a3, a4);
                    out.integer(a4, ValueWriter.Base.UDEC);
                    serial(out, a5);
                }
                case KEYCTL_NEGATE -> {
                    serial(out, a2);
                    u32(out, a3);
                    serial(out, a4);
                }
                case KEYCTL_SET_REQKEY_KEYRING -> XlatFormat.decimal(out, Xlat.get("key_reqkeys"), (int) a2, true);
                case KEYCTL_SET_TIMEOUT -> {
                    serial(out, a2);
                    u32(out, a3);
                }
                case KEYCTL_SESSION_TO_PARENT -> { }
                case KEYCTL_REJECT -> {
                    serial(out, a2);
                    u32(out, a3);
                    errno(out, a4 & 0xffffffffL);
                    serial(out, a5);
                }
                case KEYCTL_INSTANTIATE_IOV -> {
                    serial(out, a2);
                    VectorDecoders.iovec(out, a3, a4, true, VectorDecoders.ALL_DATA, ctx);
                    out.integer(a4, ValueWriter.Base.UDEC);
                    serial(out, a5);
                }
                case KEYCTL_GET_PERSISTENT -> {
                    FileDecoders.id(out, a2);
                    serial(out, a3);
                }
                case KEYCTL_DH_COMPUTE -> {
                    dhParams(out, a2, ctx);
                    out.separator();
                }
                case KEYCTL_PKEY_QUERY -> {
                    serial(out, a2);
                    out.integer(a3, ValueWriter.Base.HEX);
                    ctx.string(out, a4);
                    out.separator();
                }
                case KEYCTL_PKEY_ENCRYPT, KEYCTL_PKEY_DECRYPT, KEYCTL_PKEY_SIGN, KEYCTL_PKEY_VERIFY ->
                        pkeyOperation(out, call, cmd != KEYCTL_PKEY_VERIFY, ctx);
                case KEYCTL_RESTRICT_KEYRING -> {
                    serial(out, a2);
                    ctx.string(out, a3);
                    ctx.string(out, a4);
                }
                case KEYCTL_MOVE -> {
                    serial(out, a2);
                    serial(out, a3);
                    serial(out, a4);
                    XlatFormat.flags(out, Xlat.get("keyctl_move_flags"), a5 & 0xffffffffL);
                }
                case KEYCTL_CAPABILITIES -> out.separator();
                default -> {
                    out.integer(a2, ValueWriter.Base.HEX);
                    out.integer(a3, ValueWriter.Base.HEX);
                    out.integer(a4, ValueWriter.Base.HEX);
                    out.integer(a5, ValueWriter.Base.HEX);
                }
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            int cmd = (int) call.arg(0);
            long a3 = call.arg(2), a4 = call.arg(3), a5 = call.arg(4);
            switch (cmd) {
                case KEYCTL_DESCRIBE, KEYCTL_READ, KEYCTL_GET_SECURITY -> {
                    if (call.isError()) {
                        out.pointer(a3);
                    } else if (cmd == KEYCTL_READ) {
                        ctx.data(out, a3, filled(call, a4));
                    } else {
                        withoutTrailingNul(out, a3, filled(call, a4), ctx);
                    }
                    out.integer(a4, ValueWriter.Base.UDEC);
                }
                case KEYCTL_DH_COMPUTE -> {
                    if (call.isError()) {
                        out.pointer(a3);
                    } else {
                        ctx.data(out, a3, filled(call, a4));
                    }
                    out.integer(a4, ValueWriter.Base.UDEC);
                    kdfParams(out, a5, ctx);
                }
                case KEYCTL_PKEY_QUERY -> {
                    if (call.isError()) {
                        out.pointer(a5);
                    } else {
                        pkeyQuery(out, a5, ctx);
                    }
                }
                case KEYCTL_PKEY_ENCRYPT, KEYCTL_PKEY_DECRYPT, KEYCTL_PKEY_SIGN -> {
                    if (!call.saved().has()) {
                        return;
                    }
                    if (call.isError()) {
                        out.pointer(a5);
                    } else {
                        ctx.data(out, a5, call.saved().get());
                    }
                }
                case KEYCTL_CAPABILITIES -> {
                    long buf = call.arg(1), length = call.arg(2);
                    if (call.isError()) {
                        out.pointer(buf);
                    } else {
                        capabilities(out, buf, Long.compareUnsigned(length, call.rval()) < 0 ? length : call.rval(),
                                ctx);
                    }
                    out.integer(length, ValueWriter.Base.UDEC);
                }
                default -> { }
            }
        }
    }

    /** How much of a buffer of {@code capacity} bytes the call filled: its result, at most the capacity. */
    private static long filled(Call call, long capacity) {
        return Long.compareUnsigned(call.rval(), capacity) > 0 ? capacity : call.rval();
    }

    /**
     * {@code length} bytes the kernel wrote with a NUL at the end (a description, a security
     * label), as strace's printstr_ex with QUOTE_OMIT_TRAILING_0: the NUL is left out when it is
     * the last byte shown, and then no {@code ...} follows even when -s shortened the string
     * (unless strings are printed in hex, which keeps the NUL).
     */
    private static void withoutTrailingNul(ValueWriter out, long address, long length, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        int limit = ctx.stringLimit();
        int want = (int) (Long.compareUnsigned(length, limit) > 0 ? limit + 1L : length);
        ByteBuffer b = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address, want);
        if (b == null) {
            out.unreadable(address);
            return;
        }
        int shown = Math.min(want, limit);
        boolean longer = Long.compareUnsigned(length, limit) > 0;
        if (shown == 0 || b.get(shown - 1) != 0) {
            out.string(b.array(), 0, shown, longer);
        } else if (ctx.hex() == HexStyle.ALL || ctx.hex() == HexStyle.NON_ASCII) {
            // strace's hex form does not leave the NUL out, and under -x the NUL alone asks for it.
            out.hexString(b.array(), 0, shown, longer);
        } else {
            out.string(b.array(), 0, shown - 1, false);
        }
    }

    /** An error number as strace's print_err: its name (styled as -X asks), else the number. */
    private static void errno(ValueWriter out, long err) {
        String name = Errno.byNumber((int) err).filter(Errno::knownToStrace61).map(Errno::name).orElse(null);
        if (name == null || err > Integer.MAX_VALUE) {
            out.integer(err, ValueWriter.Base.UDEC);
        } else {
            XlatFormat.styled(out, err, Long.toString(err), o -> o.append(name));
        }
    }

    /** The serial numbers of a Diffie-Hellman computation: {@code {private=..., prime=..., base=...}}. */
    private static void dhParams(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, DH_PARAMS_SIZE);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("private");
        serial(out, b.getInt(0));
        out.field("prime");
        serial(out, b.getInt(4));
        out.field("base");
        serial(out, b.getInt(8));
        out.endStruct();
    }

    /**
     * The key derivation parameters of DH_COMPUTE, read at exit whatever the result (as strace
     * reads them, whether or not structures are dereferenced): the hash's name, the other
     * information (its address only when its length is 0, since the kernel then ignores it), its
     * length, and the spare words when one is not zero.
     */
    private static void kdfParams(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.read(address, KDF_PARAMS_SIZE);
        if (b == null) {
            out.pointer(address);
            return;
        }
        long otherLength = Integer.toUnsignedLong(b.getInt(16));
        out.beginStruct();
        out.field("hashname");
        ctx.string(out, b.getLong(0));
        out.field("otherinfo");
        if (otherLength != 0) {
            ctx.data(out, b.getLong(8), otherLength);
        } else {
            out.pointer(b.getLong(8));
        }
        out.field("otherinfolen");
        out.integer(otherLength, ValueWriter.Base.UDEC);
        spare(out, b, KDF_SPARE, KDF_SPARE_WORDS, ctx);
        out.endStruct();
    }

    /** What PKEY_QUERY learnt of a key: the operations it supports and its sizes. */
    private static void pkeyQuery(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, PKEY_QUERY_SIZE);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("supported_ops");
        XlatFormat.flags(out, Xlat.get("keyctl_pkey_ops"), Integer.toUnsignedLong(b.getInt(0)));
        out.field("key_size");
        out.integer(Integer.toUnsignedLong(b.getInt(4)), ValueWriter.Base.UDEC);
        String[] sizes = {"max_data_size", "max_sig_size", "max_enc_size", "max_dec_size"};
        for (int i = 0; i < sizes.length; i++) {
            out.field(sizes[i]);
            out.integer(Short.toUnsignedInt(b.getShort(8 + 2 * i)), ValueWriter.Base.UDEC);
        }
        spare(out, b, PKEY_QUERY_SPARE, PKEY_QUERY_SPARE_WORDS, ctx);
        out.endStruct();
    }

    /**
     * PKEY_ENCRYPT, DECRYPT, SIGN (which write their output) and VERIFY (which reads two inputs):
     * the parameters, the info string, the input of {@code in_len} bytes, and the second buffer:
     * VERIFY's second input, or the output printed at exit. When the parameters cannot be read the
     * buffers show as addresses, all at entry.
     */
    private static void pkeyOperation(ValueWriter out, Call call, boolean writes, DecodeContext ctx) {
        ByteBuffer params = ctx.readOrAddress(out, call.arg(1), PKEY_PARAMS_SIZE);
        if (params != null) {
            out.beginStruct();
            out.field("key_id");
            serial(out, params.getInt(0));
            out.field("in_len");
            out.integer(Integer.toUnsignedLong(params.getInt(4)), ValueWriter.Base.UDEC);
            out.field(writes ? "out_len" : "in2_len");
            out.integer(Integer.toUnsignedLong(params.getInt(8)), ValueWriter.Base.UDEC);
            spare(out, params, PKEY_PARAMS_SPARE, PKEY_PARAMS_SPARE_WORDS, ctx);
            out.endStruct();
        }
        ctx.string(out, call.arg(2));
        if (params == null) {
            out.pointer(call.arg(3));
            out.pointer(call.arg(4));
            return;
        }
        ctx.data(out, call.arg(3), Integer.toUnsignedLong(params.getInt(4)));
        if (writes) {
            call.saved().put(Integer.toUnsignedLong(params.getInt(8)));
            out.separator();
        } else {
            ctx.data(out, call.arg(4), Integer.toUnsignedLong(params.getInt(8)));
        }
    }

    /** A structure's spare words, {@code __spare=[0, 0x1, ...]} in hex, shown only when one is not zero. */
    private static void spare(ValueWriter out, ByteBuffer b, int at, int words, DecodeContext ctx) {
        boolean zero = true;
        for (int i = 0; i < words; i++) {
            zero &= b.getInt(at + 4 * i) == 0;
        }
        if (zero) {
            return;
        }
        out.field("__spare");
        long shown = ArrayPrinter.shown(words, ctx);
        out.beginArray();
        for (int i = 0; i < words; i++) {
            if (i >= shown) {
                out.elided();
                break;
            }
            out.integer(Integer.toUnsignedLong(b.getInt(at + 4 * i)), ValueWriter.Base.HEX);
        }
        out.endArray();
    }

    /**
     * The capability bytes CAPABILITIES returned: the first two as KEYCTL_CAPS0_ and KEYCTL_CAPS1_
     * flags, any later ones in hex.
     */
    private static void capabilities(ValueWriter out, long address, long count, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        if (count == 0) {
            out.beginArray();
            out.endArray();
            return;
        }
        ArrayPrinter.write(out, address, count, 1, ArrayPrinter.shown(count, ctx), ctx, (o, e, i) -> {
            long caps = Byte.toUnsignedLong(e.get(0));
            switch ((int) i) {
                case 0 -> XlatFormat.flags(o, Xlat.get("keyctl_caps0"), caps);
                case 1 -> XlatFormat.flags(o, Xlat.get("keyctl_caps1"), caps);
                default -> o.integer(caps, ValueWriter.Base.HEX);
            }
        });
    }
}
