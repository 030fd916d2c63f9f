/* Sets file times, reads file and file system status and manages extended attributes with ordinary, boundary
 * and invalid arguments, in the empty directory given as argv[1]; the trace must match strace 6.1's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utime.h>

#define BAD ((void *) 1)

int main(int argc, char **argv) {
    struct statfs sfs;
    char value[64], names[256];
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    int fd = syscall(SYS_openat, AT_FDCWD, "f", O_RDWR | O_CREAT, 0600);
    struct timespec ts[2] = {{1700000000, 123456789}, {0, UTIME_NOW}};
    syscall(SYS_utimensat, AT_FDCWD, "f", ts, 0);
    syscall(SYS_utimensat, fd, NULL, ts, 0);
    syscall(SYS_utimensat, AT_FDCWD, "f", NULL, AT_SYMLINK_NOFOLLOW);
    struct timespec omit[2] = {{5, UTIME_OMIT}, {-1, 999999999}};
    syscall(SYS_utimensat, AT_FDCWD, "f", omit, 0);
    struct timespec invalid[2] = {{1, 1000000000}, {2, -1}};
    syscall(SYS_utimensat, AT_FDCWD, "f", invalid, 0x1000);
    syscall(SYS_utimensat, AT_FDCWD, "missing", BAD, 0);
    struct timeval tv[2] = {{1700000000, 5}, {1, 999999}};
    struct timeval badtv[2] = {{1, 1000000}, {1L << 62, -1}};
    syscall(SYS_utimes, "f", badtv);
    struct timeval whole[2] = {{0, 0}, {1700000000, 0}};
    syscall(SYS_utimes, "f", whole);
    struct timespec far[2] = {{1L << 62, 0}, {-62167219201L, 0}};
    syscall(SYS_utimensat, AT_FDCWD, "f", far, 0);
    syscall(SYS_utimes, "f", tv);
    syscall(SYS_utimes, "f", NULL);
    syscall(SYS_utimes, "f", BAD);
    syscall(SYS_futimesat, AT_FDCWD, "f", tv);
    syscall(SYS_futimesat, fd, NULL, NULL);
    struct utimbuf ub = {1700000000, 1};
    syscall(SYS_utime, "f", &ub);
    syscall(SYS_utime, "f", NULL);
    struct utimbuf epoch = {0, -1};
    syscall(SYS_utime, "f", &epoch);
    syscall(SYS_utime, "f", BAD);

    syscall(SYS_statfs, ".", &sfs);
    syscall(SYS_statfs, "/proc", &sfs);
    syscall(SYS_statfs, "/dev", &sfs);
    syscall(SYS_statfs, "missing", &sfs);
    syscall(SYS_statfs, ".", BAD);
    syscall(SYS_fstatfs, fd, &sfs);
    syscall(SYS_fstatfs, 999, &sfs);
    struct stat st;
    struct statx stx;
    syscall(SYS_fstat, fd, &st);
    syscall(SYS_newfstatat, AT_FDCWD, "/dev/null", &st, 0);
    syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_ALL | STATX_MNT_ID | STATX_DIOALIGN, &stx);
    syscall(SYS_statx, AT_FDCWD, ".", 0, STATX_TYPE | STATX_MTIME, &stx);
    syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_BASIC_STATS, &stx);

    syscall(SYS_setxattr, "f", "user.a", "value", 5, 0);
    syscall(SYS_setxattr, "f", "user.a", "value", 5, XATTR_CREATE);
    syscall(SYS_lsetxattr, "f", "user.b", "\1\2", 2, XATTR_REPLACE);
    syscall(SYS_fsetxattr, fd, "user.c", "", 0, 0x10);
    syscall(SYS_fsetxattr, fd, "user.d", BAD, 4, 0);
    syscall(SYS_getxattr, "f", "user.a", value, sizeof value);
    syscall(SYS_getxattr, "f", "user.a", NULL, 0);
    syscall(SYS_getxattr, "f", "user.a", value, 0);
    syscall(SYS_setxattr, "f", "user.z", "ab\0", 3, 0);
    syscall(SYS_getxattr, "f", "user.z", value, sizeof value);
    syscall(SYS_setxattr, "f", "user.y", "a\0b", 3, 0);
    syscall(SYS_setxattr, "f", "user.x", "ab\0\0", 4, 0);
    syscall(SYS_setxattr, "f", "user.w", "\0", 1, 0);
    syscall(SYS_setxattr, "f", "user.v", BAD, 70000, 0);
    syscall(SYS_getxattr, "f", "user.y", value, sizeof value);
    syscall(SYS_getxattr, "f", "user.x", value, sizeof value);
    syscall(SYS_listxattr, "f", names, 0);
    syscall(SYS_lgetxattr, "f", "user.a", value, 2);
    syscall(SYS_fgetxattr, fd, "user.none", value, sizeof value);
    syscall(SYS_fgetxattr, fd, "user.a", BAD, sizeof value);
    syscall(SYS_listxattr, "f", names, sizeof names);
    syscall(SYS_listxattr, "f", NULL, 0);
    syscall(SYS_llistxattr, "f", names, 1);
    syscall(SYS_flistxattr, fd, names, sizeof names);
    syscall(SYS_flistxattr, fd, BAD, sizeof names);
    syscall(SYS_removexattr, "f", "user.a");
    syscall(SYS_lremovexattr, "f", "user.a");
    syscall(SYS_fremovexattr, fd, BAD);
    return 0;
}
