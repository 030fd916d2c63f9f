/* Opens, checks, duplicates and names files with ordinary, boundary and invalid arguments; run in
 * the empty directory given as argv[1]. The trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(int argc, char **argv) {
    char buf[256];
    int fds[2];
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    int fd = syscall(SYS_openat, AT_FDCWD, "f", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    syscall(SYS_write, fd, "0123456789", 10);
    syscall(SYS_openat, AT_FDCWD, "f", O_RDONLY);
    syscall(SYS_openat, AT_FDCWD, "f", O_RDWR | O_APPEND | O_NONBLOCK | O_NOFOLLOW, 0777);
    syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | O_PATH);
    syscall(SYS_openat, AT_FDCWD, ".", O_WRONLY | O_TMPFILE, 0600);
    syscall(SYS_openat, AT_FDCWD, "missing", O_RDONLY | O_SYNC | O_DSYNC | O_DIRECT | O_NOATIME);
    syscall(SYS_openat, AT_FDCWD, "missing", O_ACCMODE | O_EXCL | O_NOCTTY | O_LARGEFILE | FASYNC);
    syscall(SYS_openat, AT_FDCWD, "missing", O_RDONLY | 0x80000000U);
    syscall(SYS_openat, AT_FDCWD, "missing", 0x40000000U | O_CREAT, 0);
    syscall(SYS_openat, AT_FDCWD, "missing", O_CREAT | O_EXCL, 04755);
    syscall(SYS_openat, AT_FDCWD, "missing", O_CREAT, 0177777);
    syscall(SYS_openat, 12345, "missing", O_RDONLY);
    syscall(SYS_openat, -1, BAD, O_RDONLY);
    syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY);
    syscall(SYS_open, "f", O_RDONLY | O_CLOEXEC);
    syscall(SYS_open, "g", O_WRONLY | O_CREAT, 0640);
    syscall(SYS_open, BAD, 0xffffffffUL, 0xffffffffUL);
    syscall(SYS_creat, "h", 0600);
    syscall(SYS_creat, "h", 0xffffffffUL);
    struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .mode = 0, .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS};
    syscall(SYS_openat2, AT_FDCWD, "f", &how, sizeof how);
    struct open_how how2 = {.flags = O_CREAT | O_WRONLY, .mode = 0600, .resolve = 0x80};
    syscall(SYS_openat2, AT_FDCWD, "i", &how2, sizeof how2);
    syscall(SYS_openat2, AT_FDCWD, "f", &how, 8);
    syscall(SYS_openat2, AT_FDCWD, "f", BAD, sizeof how);
    syscall(SYS_access, "f", F_OK);
    syscall(SYS_access, "f", R_OK | W_OK | X_OK);
    syscall(SYS_access, "missing", 0x10);
    syscall(SYS_faccessat, AT_FDCWD, "f", R_OK);
    syscall(SYS_faccessat, 12345, "f", W_OK | 0x20);
    syscall(SYS_faccessat2, AT_FDCWD, "f", X_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW);
    syscall(SYS_faccessat2, AT_FDCWD, "f", F_OK, 0x8000000);
    syscall(SYS_lseek, fd, 0L, SEEK_SET);
    syscall(SYS_lseek, fd, -3L, SEEK_END);
    syscall(SYS_lseek, fd, 5L, SEEK_CUR);
    syscall(SYS_lseek, fd, 0L, SEEK_DATA);
    syscall(SYS_lseek, fd, 0L, SEEK_HOLE);
    syscall(SYS_lseek, fd, 0L, 7);
    syscall(SYS_dup, fd);
    syscall(SYS_dup2, fd, 20);
    syscall(SYS_dup2, fd, -1);
    syscall(SYS_dup3, fd, 21, O_CLOEXEC);
    syscall(SYS_dup3, fd, 22, 0);
    syscall(SYS_dup3, fd, 22, 0x40);
    syscall(SYS_pipe, fds);
    syscall(SYS_pipe, BAD);
    syscall(SYS_pipe2, fds, O_CLOEXEC | O_NONBLOCK);
    syscall(SYS_pipe2, fds, 0);
    syscall(SYS_pipe2, fds, O_DIRECT | 0x1);
    syscall(SYS_umask, 022);
    syscall(SYS_umask, 0777777);
    syscall(SYS_mkdir, "d", 0755);
    syscall(SYS_mkdir, "d", 01777);
    syscall(SYS_mkdirat, AT_FDCWD, "d2", 0700);
    syscall(SYS_mkdirat, 12345, "d3", 0);
    syscall(SYS_chmod, "f", 0600);
    syscall(SYS_chmod, "missing", 07777);
    syscall(SYS_fchmod, fd, 0644);
    syscall(SYS_fchmodat, AT_FDCWD, "f", 0644);
    syscall(SYS_fchmodat, AT_FDCWD, "f", 0100644);
    syscall(SYS_chown, "f", -1, -1);
    syscall(SYS_chown, "f", 0, 0);
    syscall(SYS_fchown, fd, -1, 1234);
    syscall(SYS_lchown, "f", 4294967294UL, -1);
    syscall(SYS_fchownat, AT_FDCWD, "f", -1, -1, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_fchownat, AT_FDCWD, "", -1, -1, AT_EMPTY_PATH | 0x4000000);
    syscall(SYS_symlink, "f", "l");
    syscall(SYS_readlink, "l", buf, sizeof buf);
    syscall(SYS_readlink, "l", buf, 0);
    syscall(SYS_readlink, "f", buf, sizeof buf);
    syscall(SYS_readlinkat, AT_FDCWD, "l", buf, 1);
    syscall(SYS_readlinkat, AT_FDCWD, "l", BAD, 10);
    syscall(SYS_rename, "g", "g2");
    syscall(SYS_renameat, AT_FDCWD, "g2", AT_FDCWD, "g3");
    syscall(SYS_renameat2, AT_FDCWD, "g3", AT_FDCWD, "g4", RENAME_NOREPLACE);
    syscall(SYS_renameat2, AT_FDCWD, "g4", AT_FDCWD, "f", RENAME_EXCHANGE | RENAME_WHITEOUT | 0x100);
    syscall(SYS_unlink, "g4");
    syscall(SYS_unlinkat, AT_FDCWD, "h", 0);
    syscall(SYS_unlinkat, AT_FDCWD, "d2", AT_REMOVEDIR);
    syscall(SYS_unlinkat, AT_FDCWD, "d", 0x1);
    syscall(SYS_rmdir, "d");
    syscall(SYS_truncate, "f", 5L);
    syscall(SYS_truncate, "f", -1L);
    syscall(SYS_ftruncate, fd, 3L);
    syscall(SYS_fsync, fd);
    syscall(SYS_fdatasync, fd);
    syscall(SYS_flock, fd, LOCK_EX);
    syscall(SYS_flock, fd, LOCK_SH | LOCK_NB);
    syscall(SYS_flock, fd, LOCK_UN);
    syscall(SYS_flock, fd, 0);
    syscall(SYS_flock, fd, LOCK_MAND | LOCK_READ | LOCK_WRITE | 0x100);
    syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_SEQUENTIAL);
    syscall(SYS_fadvise64, fd, 10L, -1L, POSIX_FADV_DONTNEED);
    syscall(SYS_fadvise64, fd, 0L, 0L, 99);
    syscall(SYS_fadvise64, fd, -5L, 1L, POSIX_FADV_NOREUSE);
    syscall(SYS_getcwd, buf, sizeof buf);
    syscall(SYS_getcwd, buf, 1);
    syscall(SYS_getcwd, BAD, sizeof buf);
    int dfd = syscall(SYS_open, ".", O_RDONLY | O_DIRECTORY);
    syscall(SYS_fchdir, dfd);
    syscall(SYS_fchdir, 12345);
    syscall(SYS_chdir, ".");
    syscall(SYS_close, dfd);
    syscall(SYS_close, 12345);
    return 0;
}
