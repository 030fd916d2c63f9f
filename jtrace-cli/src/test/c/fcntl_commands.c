/* fcntl with every common command, with ordinary, boundary and invalid arguments (bad pointers,
 * unknown commands and bits, values beyond 32 bits); the trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sys/mman.h>
int main(int argc, char **argv) {
    (void) argc;
    if (chdir(argv[1]) != 0)
        return 1;
    syscall(SYS_close_range, 3, ~0U, 0);
    int fd = open("f", O_RDWR | O_CREAT, 0600);
    struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    syscall(SYS_fcntl, fd, F_DUPFD, 10);
    syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 0);
    syscall(SYS_fcntl, fd, F_GETFD);
    syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
    syscall(SYS_fcntl, fd, F_GETFD);
    syscall(SYS_fcntl, fd, F_SETFD, 0);
    syscall(SYS_fcntl, fd, F_SETFD, 0x100000001L);
    syscall(SYS_fcntl, fd, F_SETFD, 0);
    syscall(SYS_fcntl, fd, F_SETFD, 6);
    syscall(SYS_fcntl, fd, F_GETFD);
    syscall(SYS_fcntl, fd, F_GETFL);
    syscall(SYS_fcntl, 99, F_GETFL);
    syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK|O_APPEND);
    syscall(SYS_fcntl, fd, F_SETFL, 0);
    syscall(SYS_fcntl, fd, F_GETFL);
    syscall(SYS_fcntl, fd, F_GETLK, &fl);
    syscall(SYS_fcntl, fd, F_SETLK, &fl);
    fl.l_type = F_WRLCK; fl.l_whence = SEEK_END; fl.l_start = -5; fl.l_len = 100;
    syscall(SYS_fcntl, fd, F_SETLKW, &fl);
    syscall(SYS_fcntl, fd, F_GETLK, &fl);
    fl.l_type = 7; fl.l_whence = 9; fl.l_pid = 0;
    syscall(SYS_fcntl, fd, F_SETLK, &fl);
    syscall(SYS_fcntl, fd, F_SETLK, (void *) 1);
    syscall(SYS_fcntl, fd, F_GETLK, (void *) 0);
    fl.l_type = F_UNLCK; fl.l_whence = SEEK_CUR; fl.l_start = 0; fl.l_len = 0;
    syscall(SYS_fcntl, fd, F_OFD_GETLK, &fl);
    syscall(SYS_fcntl, fd, F_OFD_SETLK, &fl);
    syscall(SYS_fcntl, fd, F_OFD_SETLKW, &fl);
    fl.l_type = F_RDLCK; fl.l_whence = SEEK_SET;
    syscall(SYS_fcntl, fd, F_OFD_GETLK, &fl);
    syscall(SYS_fcntl, fd, F_GETOWN);
    syscall(SYS_fcntl, fd, F_SETOWN, 1);
    syscall(SYS_fcntl, fd, F_SETOWN, -5);
    syscall(SYS_fcntl, fd, F_GETOWN);
    syscall(SYS_fcntl, fd, F_SETSIG, SIGUSR1);
    syscall(SYS_fcntl, fd, F_GETSIG);
    syscall(SYS_fcntl, fd, F_SETSIG, 0);
    syscall(SYS_fcntl, fd, F_SETLEASE, F_RDLCK);
    syscall(SYS_fcntl, fd, F_SETLEASE, 9);
    syscall(SYS_fcntl, fd, F_GETLEASE);
    syscall(SYS_fcntl, fd, F_NOTIFY, DN_ACCESS|DN_MODIFY|DN_MULTISHOT);
    syscall(SYS_fcntl, fd, F_NOTIFY, 0x100);
    int p[2]; pipe(p);
    syscall(SYS_fcntl, p[0], F_GETPIPE_SZ);
    syscall(SYS_fcntl, p[0], F_SETPIPE_SZ, 8192);
    syscall(SYS_fcntl, p[0], F_GETFL);
    int m = memfd_create("x", MFD_ALLOW_SEALING);
    syscall(SYS_fcntl, m, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW);
    syscall(SYS_fcntl, m, F_ADD_SEALS, 0x100);
    syscall(SYS_fcntl, m, F_GET_SEALS);
    syscall(SYS_fcntl, m, F_GETFL);
    syscall(SYS_fcntl, fd, 12345, 0x77);
    syscall(SYS_fcntl, fd, -1, 0);
    syscall(SYS_fcntl, fd, F_GETOWN_EX, &fl);
    struct f_owner_ex ox = {F_OWNER_PGRP, 0};
    syscall(SYS_fcntl, fd, F_SETOWN_EX, &ox);
    syscall(SYS_fcntl, fd, F_GETOWN_EX, &ox);
    syscall(SYS_fcntl, fd, F_GET_RW_HINT, &fl);
    syscall(SYS_fcntl, fd, 1029, 0);
    syscall(SYS_fcntl, 0x100000005L, F_GETFD);
    syscall(SYS_fcntl, fd, F_SETFL, O_RDWR|O_DIRECT|O_NOATIME|0x40000000);
    syscall(SYS_fcntl, fd, F_DUPFD, -1);
    syscall(SYS_fcntl, fd, F_DUPFD, -1L);
    syscall(SYS_fcntl, fd, 0x100000001L);
    syscall(SYS_fcntl, fd, F_SETOWN, 0xfffffffffffffffbL);
    syscall(SYS_fcntl, fd, F_SETLEASE, 0x100000001L);
    syscall(SYS_fcntl, fd, F_SETPIPE_SZ, 0x100000010L);
    syscall(SYS_fcntl, fd, F_SETSIG, 65);
    syscall(SYS_fcntl, fd, F_NOTIFY, 0x3ffL);
    syscall(SYS_fcntl, fd, 17, 0);
    syscall(SYS_fcntl, fd, 12, 0);
    int d = open(".", O_RDONLY | O_DIRECTORY);
    syscall(SYS_fcntl, d, F_NOTIFY, DN_CREATE | DN_DELETE);
    syscall(SYS_fcntl, d, F_NOTIFY, 0);
    struct f_owner_ex bad = {7, 1};
    syscall(SYS_fcntl, fd, F_SETOWN_EX, &bad);
    syscall(SYS_fcntl, fd, F_SETOWN_EX, (void *) 1);
    return 0;
}
