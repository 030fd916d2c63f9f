/*
 * Key management: keys added to and requested from the thread keyring, a keyring described,
 * read and searched, keyctl commands with NULL, unreadable and invalid arguments, the
 * Diffie-Hellman and public-key parameter structures, capabilities, and an unknown command.
 * (No KEYCTL_SESSION_TO_PARENT: its result depends on the parent, which is the tracer.)
 */
#define _GNU_SOURCE
#include <linux/keyctl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static long keyctl(long cmd, long a2, long a3, long a4, long a5) {
    return syscall(SYS_keyctl, cmd, a2, a3, a4, a5);
}

int main(void) {
    char *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    char *unreadable = page + 4096 - 3;
    memcpy(unreadable, "abc", 3);
    char buf[256];

    long ring = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1, 0, 0);
    long key = syscall(SYS_add_key, "user", "jtrace:key", "payload\0bytes", 13L, KEY_SPEC_THREAD_KEYRING);
    syscall(SYS_add_key, "user", "jtrace:long", "a payload longer than the string limit", 38L, ring);
    syscall(SYS_add_key, NULL, NULL, NULL, 0L, 0);
    syscall(SYS_add_key, "user", unreadable, (void *) 8, 5L, -1234);
    syscall(SYS_request_key, "user", "jtrace:key", NULL, KEY_SPEC_THREAD_KEYRING);
    syscall(SYS_request_key, "user", "jtrace:absent", "callout", 0);
    syscall(SYS_request_key, unreadable, NULL, NULL, KEY_SPEC_REQUESTOR_KEYRING);

    keyctl(KEYCTL_GET_KEYRING_ID, 12345, 0, 0, 0);
    keyctl(KEYCTL_DESCRIBE, key, (long) buf, sizeof buf, 0);
    keyctl(KEYCTL_DESCRIBE, key, (long) buf, 4, 0);
    keyctl(KEYCTL_DESCRIBE, KEY_SPEC_THREAD_KEYRING, 0, 0, 0);
    keyctl(KEYCTL_DESCRIBE, 12345, (long) buf, sizeof buf, 0);
    keyctl(KEYCTL_READ, key, (long) buf, sizeof buf, 0);
    keyctl(KEYCTL_READ, key, (long) buf, 3, 0);
    keyctl(KEYCTL_READ, key, (long) unreadable, 16, 0);
    keyctl(KEYCTL_GET_SECURITY, key, (long) buf, sizeof buf, 0);
    keyctl(KEYCTL_SEARCH, KEY_SPEC_THREAD_KEYRING, (long) "user", (long) "jtrace:key", 0);
    keyctl(KEYCTL_SEARCH, ring, (long) unreadable, 0, KEY_SPEC_SESSION_KEYRING);
    keyctl(KEYCTL_UPDATE, key, (long) "new\1payload", 11, 0);
    keyctl(KEYCTL_UPDATE, key, 0, 0, 0);
    keyctl(KEYCTL_SETPERM, key, 0x3f030000 | 0x40000000 /* possessor all, user view and read, one unknown bit */, 0, 0);
    keyctl(KEYCTL_SETPERM, key, 0, 0, 0);
    keyctl(KEYCTL_SETPERM, 12345, 0xc0c0c0c0, 0, 0);
    keyctl(KEYCTL_CHOWN, key, -1, -1, 0);
    keyctl(KEYCTL_CHOWN, 12345, 4000000000L, 7, 0);
    keyctl(KEYCTL_SET_TIMEOUT, key, 3000000000L, 0, 0);
    keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE, 0, 0, 0);
    keyctl(KEYCTL_SET_REQKEY_KEYRING, 99, 0, 0, 0);
    keyctl(KEYCTL_LINK, key, KEY_SPEC_PROCESS_KEYRING, 0, 0);
    keyctl(KEYCTL_UNLINK, key, KEY_SPEC_PROCESS_KEYRING, 0, 0);
    keyctl(KEYCTL_NEGATE, key, 30, KEY_SPEC_USER_KEYRING, 0);
    keyctl(KEYCTL_REJECT, key, 30, 19, ring);
    keyctl(KEYCTL_REJECT, key, 30, 4000000000L, ring);
    keyctl(KEYCTL_INSTANTIATE, key, (long) "data", 4, ring);

    struct iovec iov[3] = {{"first", 5}, {unreadable, 8}, {(void *) 8, 2}};
    keyctl(KEYCTL_INSTANTIATE_IOV, key, (long) iov, 3, ring);
    keyctl(KEYCTL_INSTANTIATE_IOV, key, (long) iov, 0, 0);
    keyctl(KEYCTL_INSTANTIATE_IOV, key, (long) (page + 4096 - 8), 1, 0);
    keyctl(KEYCTL_GET_PERSISTENT, -1, KEY_SPEC_THREAD_KEYRING, 0, 0);

    struct keyctl_dh_params dh = {.private = key, .prime = KEY_SPEC_GROUP_KEYRING, .base = 42};
    struct keyctl_kdf_params kdf;
    memset(&kdf, 0, sizeof kdf);
    kdf.hashname = "sha256";
    kdf.otherinfo = "other\0info";
    kdf.otherinfolen = 10;
    kdf.__spare[3] = 0xbeef;
    keyctl(KEYCTL_DH_COMPUTE, (long) &dh, (long) buf, sizeof buf, 0);
    keyctl(KEYCTL_DH_COMPUTE, (long) &dh, (long) buf, sizeof buf, (long) &kdf);
    kdf.otherinfolen = 0;
    kdf.__spare[3] = 0;
    keyctl(KEYCTL_DH_COMPUTE, (long) &dh, (long) buf, sizeof buf, (long) &kdf);
    keyctl(KEYCTL_DH_COMPUTE, 0, 0, 0, (long) unreadable);
    keyctl(KEYCTL_DH_COMPUTE, (long) unreadable, (long) buf, 1, 0);

    struct keyctl_pkey_query query;
    keyctl(KEYCTL_PKEY_QUERY, key, 0, (long) "enc=pkcs1", (long) &query);
    keyctl(KEYCTL_PKEY_QUERY, key, 7, 0, 0);
    struct keyctl_pkey_params params = {.key_id = key, .in_len = 4, .out_len = 16};
    keyctl(KEYCTL_PKEY_ENCRYPT, (long) &params, (long) "enc=raw", (long) "data", (long) buf);
    keyctl(KEYCTL_PKEY_SIGN, 0, 0, 0, 0);
    keyctl(KEYCTL_PKEY_DECRYPT, (long) unreadable, (long) "enc=raw", (long) "data", (long) buf);
    params.__spare[1] = 0xdead;
    keyctl(KEYCTL_PKEY_VERIFY, (long) &params, (long) "enc=raw", (long) "data", (long) "signature-bytes!");
    keyctl(KEYCTL_PKEY_VERIFY, 0, (long) unreadable, 0, 0);

    keyctl(KEYCTL_RESTRICT_KEYRING, ring, (long) "builtin_trusted", 0, 0);
    keyctl(KEYCTL_MOVE, key, KEY_SPEC_THREAD_KEYRING, KEY_SPEC_PROCESS_KEYRING, KEYCTL_MOVE_EXCL | 4);
    keyctl(KEYCTL_MOVE, key, ring, 12345, 0);
    unsigned char caps[4];
    keyctl(KEYCTL_CAPABILITIES, (long) caps, sizeof caps, 0, 0);
    keyctl(KEYCTL_CAPABILITIES, (long) caps, 1, 0, 0);
    keyctl(KEYCTL_CAPABILITIES, 0, 2, 0, 0);
    keyctl(KEYCTL_CAPABILITIES, (long) unreadable, 16, 0, 0);
    keyctl(KEYCTL_INVALIDATE, key, 0, 0, 0);
    keyctl(KEYCTL_REVOKE, key, 0, 0, 0);
    keyctl(KEYCTL_CLEAR, ring, 0, 0, 0);
    keyctl(KEYCTL_ASSUME_AUTHORITY, 0, 0, 0, 0);
    keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long) unreadable, 0, 0, 0);
    keyctl(0xbadc0ded, 1, 2, 3, 4);
    keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long) "jtrace-session", 0, 0, 0);
    return 0;
}
