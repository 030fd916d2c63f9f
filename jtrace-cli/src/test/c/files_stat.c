/* Reads file status and directory entries with ordinary, boundary and invalid
 * arguments, in the empty directory given as argv[1]; the trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(int argc, char **argv) {
    struct stat st;
    struct statx stx;
    char dents[4096];
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    int fd = syscall(SYS_openat, AT_FDCWD, "f", O_RDWR | O_CREAT, 0640);
    syscall(SYS_write, fd, "0123456789", 10);
    syscall(SYS_mkdir, "d", 0755);
    syscall(SYS_symlink, "f", "l");
    syscall(SYS_fstat, fd, &st);
    int null = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
    syscall(SYS_fstat, null, &st);
    syscall(SYS_fstat, fd, BAD);
    syscall(SYS_fstat, 12345, &st);
    syscall(SYS_stat, "f", &st);
    syscall(SYS_stat, "d", &st);
    syscall(SYS_stat, "/dev/null", &st);
    syscall(SYS_stat, "missing", &st);
    syscall(SYS_lstat, "l", &st);
    syscall(SYS_newfstatat, AT_FDCWD, "f", &st, 0);
    syscall(SYS_newfstatat, AT_FDCWD, "l", &st, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH);
    syscall(SYS_newfstatat, AT_FDCWD, "f", &st, 0x1);
    syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_BASIC_STATS, &stx);
    syscall(SYS_statx, AT_FDCWD, "d", AT_SYMLINK_NOFOLLOW | AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE | STATX_BTIME, &stx);
    syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_ALL, &stx);
    syscall(SYS_statx, AT_FDCWD, "missing", 0, 0, &stx);
    syscall(SYS_statx, AT_FDCWD, "f", 0x1, 0x80000000U, &stx);
    syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_ALL, BAD);
    int dfd = syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY);
    syscall(SYS_getdents64, dfd, dents, sizeof dents);
    syscall(SYS_getdents64, dfd, dents, sizeof dents);
    syscall(SYS_getdents64, dfd, BAD, sizeof dents);
    syscall(SYS_getdents64, fd, dents, sizeof dents);
    syscall(SYS_lseek, dfd, 0L, SEEK_SET);
    syscall(SYS_getdents64, dfd, dents, 1);
    syscall(SYS_getdents, dfd, dents, sizeof dents);
    return 0;
}
