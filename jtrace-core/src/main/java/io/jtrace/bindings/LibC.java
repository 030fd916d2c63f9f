package io.jtrace.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Raw downcalls into glibc. Every handle is linked lazily in a holder class of its own, so start-up
 * pays only for what a run uses.
 *
 * <p>Distinct function shapes are kept few because each costs milliseconds to link: system calls all
 * go through glibc's variadic {@code syscall(2)} with six long arguments, and the posix_spawn helpers
 * share one {@code int f(long, long, long)} shape (on x86_64 an unused trailing register argument is
 * ignored by the callee and an int or short argument is read from the low bits of its register).
 */
final class LibC {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(groupElement("errno"));

    private LibC() {}

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static final class Syscall {
        static final MethodHandle HANDLE = LINKER.downcallHandle(
                symbol("syscall"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
    }

    /** {@code syscall(nr, a..f)}: the result, or -errno. {@code capture} is a CAPTURE_LAYOUT segment. */
    static long syscall(MemorySegment capture, long nr, long a, long b, long c, long d, long e, long f) {
        long r;
        try {
            r = (long) Syscall.HANDLE.invokeExact(capture, nr, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return r == -1 ? -(int) ERRNO.get(capture, 0L) : r;
    }

    private static final class Shape3 {
        static final FunctionDescriptor DESCRIPTOR =
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);

        static MethodHandle link(String name) {
            return LINKER.downcallHandle(symbol(name), DESCRIPTOR);
        }
    }

    /** posix_spawn's helpers, and sigaction: each returns 0 or an errno (sigaction: -1). */
    enum Fn3 {
        POSIX_SPAWN_FILE_ACTIONS_INIT("posix_spawn_file_actions_init"),
        POSIX_SPAWN_FILE_ACTIONS_DESTROY("posix_spawn_file_actions_destroy"),
        POSIX_SPAWN_FILE_ACTIONS_ADDCLOSE("posix_spawn_file_actions_addclose"),
        POSIX_SPAWN_FILE_ACTIONS_ADDDUP2("posix_spawn_file_actions_adddup2"),
        POSIX_SPAWN_FILE_ACTIONS_ADDCHDIR("posix_spawn_file_actions_addchdir_np"),
        POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM("posix_spawn_file_actions_addclosefrom_np"),
        POSIX_SPAWNATTR_INIT("posix_spawnattr_init"),
        POSIX_SPAWNATTR_DESTROY("posix_spawnattr_destroy"),
        POSIX_SPAWNATTR_SETFLAGS("posix_spawnattr_setflags"),
        POSIX_SPAWNATTR_SETSIGMASK("posix_spawnattr_setsigmask"),
        POSIX_SPAWNATTR_SETSIGDEFAULT("posix_spawnattr_setsigdefault"),
        SIGACTION("sigaction");

        private final String symbol;
        private volatile MethodHandle handle;

        Fn3(String symbol) {
            this.symbol = symbol;
        }

        int call(long a, long b, long c) {
            MethodHandle h = handle;
            if (h == null) {
                handle = h = Shape3.link(symbol);
            }
            try {
                return (int) h.invokeExact(a, b, c);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
    }

    private static final class PosixSpawn {
        static final MethodHandle HANDLE = LINKER.downcallHandle(
                symbol("posix_spawn"),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG));
    }

    /** posix_spawn(3): 0 or an errno. All arguments are native addresses. */
    static int posixSpawn(long pidOut, long path, long fileActions, long attr, long argv, long envp) {
        try {
            return (int) PosixSpawn.HANDLE.invokeExact(pidOut, path, fileActions, attr, argv, envp);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static final class StrError {
        static final MethodHandle HANDLE = LINKER.downcallHandle(
                symbol("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** glibc's message for an errno; only called on error paths. */
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) StrError.HANDLE.invokeExact(errno);
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** A native function's address, for the rare case where one is needed as a pointer. */
    static long address(String name) {
        return symbol(name).address();
    }

    static MemorySegment allocateCapture(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }
}
