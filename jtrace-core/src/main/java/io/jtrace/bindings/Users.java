package io.jtrace.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The system's user database through glibc (getpwnam, getgrouplist), so that every source
 * nsswitch.conf names counts, not only /etc/passwd and /etc/group. Linked on first use: only
 * {@code -u} needs it.
 */
public final class Users {
    /** A user as {@code getpwnam} and {@code getgrouplist} describe it: ids, and every group it is in. */
    public record Account(int uid, int gid, int[] groups) {}

    private static final class Handles {
        static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle GETPWNAM = LINKER.downcallHandle(
                LINKER.defaultLookup().find("getpwnam").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GETGROUPLIST = LINKER.downcallHandle(
                LINKER.defaultLookup().find("getgrouplist").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    }

    /** {@code struct passwd}: pw_name, pw_passwd (pointers), then pw_uid and pw_gid. */
    private static final long PW_UID = 16, PW_GID = 20;

    private Users() {}

    /** The account named {@code name}; empty when there is none. Not thread-safe (getpwnam's buffer). */
    public static synchronized Optional<Account> byName(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            MemorySegment pw = (MemorySegment) Handles.GETPWNAM.invokeExact(cname);
            if (pw.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            pw = pw.reinterpret(PW_GID + 4);
            int uid = pw.get(JAVA_INT, PW_UID);
            int gid = pw.get(JAVA_INT, PW_GID);
            int capacity = 64;
            while (true) {
                MemorySegment groups = arena.allocate(JAVA_INT, capacity);
                MemorySegment count = arena.allocate(JAVA_INT);
                count.set(JAVA_INT, 0, capacity);
                int r = (int) Handles.GETGROUPLIST.invokeExact(cname, gid, groups, count);
                int n = count.get(JAVA_INT, 0);
                if (r >= 0) {
                    int[] list = new int[n];
                    for (int i = 0; i < n; i++) {
                        list[i] = groups.getAtIndex(JAVA_INT, i);
                    }
                    return Optional.of(new Account(uid, gid, list));
                }
                // Too small: getgrouplist said how many there are.
                capacity = Math.max(n, capacity * 2);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("getpwnam: " + t, t);
        }
    }
}
