package io.jtrace.engine;

import io.jtrace.bindings.Users;

import java.util.Arrays;
import java.util.Optional;

/**
 * A user to run a launched program as ({@link LaunchSpec#asUser}, strace's {@code -u}): its ids and
 * every group it belongs to. Switching needs the privileges to do so (root).
 *
 * @param name   the user's name
 * @param uid    its user id
 * @param gid    its primary group id
 * @param groups its supplementary groups, as initgroups would set them (the primary one included)
 */
public record User(String name, int uid, int gid, int[] groups) {
    /** Copies {@code groups}. */
    public User {
        groups = groups.clone();
    }

    /** The user named {@code name} in the system's user database (every source nsswitch.conf names). */
    public static Optional<User> byName(String name) {
        return Users.byName(name).map(a -> new User(name, a.uid(), a.gid(), a.groups()));
    }

    /** The supplementary groups (a copy). */
    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && u.name.equals(name) && u.uid == uid && u.gid == gid
                && Arrays.equals(u.groups, groups);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + uid * 7 + gid + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "User[" + name + ", uid=" + uid + ", gid=" + gid + ", groups=" + Arrays.toString(groups) + "]";
    }
}
