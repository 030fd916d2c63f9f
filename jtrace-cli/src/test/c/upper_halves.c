/* Calls system calls whose int and unsigned int arguments carry garbage in their registers' upper
 * halves, in the empty directory given as argv[1]. The kernel reads only the low half, so each call
 * behaves as with the low half alone; strace 6.1 prints the low half, and so must jtrace. Arguments
 * that are long, size_t or pointers keep all their bits, and some carry an odd upper half too, to
 * show they are not narrowed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* An int argument: the value in the low half, garbage in the high one. */
#define I(v) (0xfacefeed00000000UL | (uint32_t) (v))
#define J(v) (0xdefaced00000000UL | (uint32_t) (v))

static void files(void) {
    syscall(SYS_openat, I(AT_FDCWD), "f", I(O_RDWR | O_CREAT | O_CLOEXEC), I(0100644));
    syscall(SYS_openat, I(-1), "g", I(O_RDONLY), J(0));
    syscall(SYS_open, "h", I(O_WRONLY | O_CREAT | O_EXCL), J(0600));
    syscall(SYS_creat, "c", J(0640));
    syscall(SYS_unlinkat, I(AT_FDCWD), "c", I(0));
    syscall(SYS_unlinkat, I(AT_FDCWD), "nonexistent", 0xffffffffffff60ffUL);
    syscall(SYS_linkat, I(AT_FDCWD), "f", J(AT_FDCWD), "l", I(AT_SYMLINK_FOLLOW));
    syscall(SYS_renameat2, I(AT_FDCWD), "l", J(AT_FDCWD), "m", I(RENAME_NOREPLACE));
    syscall(SYS_renameat, I(AT_FDCWD), "m", J(-100), "n");
    syscall(SYS_symlinkat, "f", I(AT_FDCWD), "s");
    char buf[64];
    syscall(SYS_readlinkat, I(AT_FDCWD), "s", buf, sizeof buf);
    syscall(SYS_faccessat, I(AT_FDCWD), "f", I(R_OK | W_OK));
    syscall(SYS_faccessat2, I(AT_FDCWD), "f", J(X_OK), I(AT_EACCESS));
    syscall(SYS_access, "f", I(F_OK));
    syscall(SYS_fchmodat, I(AT_FDCWD), "f", I(0600));
    syscall(SYS_chmod, "f", J(0644));
    syscall(SYS_mkdirat, I(AT_FDCWD), "d", I(0755));
    syscall(SYS_mkdir, "e", J(0700));
    syscall(SYS_mknodat, I(AT_FDCWD), "p", I(S_IFIFO | 0600), J(0));
    syscall(SYS_mknod, "q", J(S_IFIFO | 0644), I(0));
    syscall(SYS_mknodat, I(AT_FDCWD), "cdev", I(S_IFCHR | 0600), J(makedev(1, 3)));
    syscall(SYS_mknod, "r", I(04755), J(0));
    syscall(SYS_mknod, "t", I(0170777), J(0));
    syscall(SYS_umount2, "nonexistent", I(MNT_DETACH));
    syscall(SYS_fchownat, I(AT_FDCWD), "f", I(-1), J(-1), I(AT_SYMLINK_NOFOLLOW));
    syscall(SYS_chown, "f", I(-1), I(-1));
    syscall(SYS_lchown, "f", J(-1), I(-1));
    syscall(SYS_umask, I(022));
    syscall(SYS_umask, J(077));
    syscall(SYS_inotify_add_watch, I(-1), "f", I(0x2 | 0x4));
    syscall(SYS_inotify_rm_watch, I(-1), J(1));
    syscall(SYS_name_to_handle_at, I(-1), "f", (void *) 0, (void *) 0, I(AT_EMPTY_PATH));
    syscall(SYS_unlinkat, I(AT_FDCWD), "d", I(AT_REMOVEDIR));
}

static void descriptors(void) {
    int fds[2], more[2];
    syscall(SYS_pipe2, fds, I(O_NONBLOCK));
    syscall(SYS_pipe2, more, J(O_CLOEXEC));
    syscall(SYS_dup, I(fds[0]));
    syscall(SYS_dup2, I(fds[0]), J(40));
    syscall(SYS_dup3, I(fds[0]), J(41), I(O_CLOEXEC));
    syscall(SYS_dup3, I(-1), I(-2), J(0));
    syscall(SYS_close, I(40));
    syscall(SYS_close, J(-1));
    syscall(SYS_close_range, I(41), J(41), I(0));
    syscall(SYS_close_range, I(-2), J(-1), J(2));
    syscall(SYS_flock, I(fds[0]), J(LOCK_SH | LOCK_NB));
    syscall(SYS_fsync, I(-1));
    syscall(SYS_fdatasync, J(-1));
    syscall(SYS_syncfs, I(-1));
    syscall(SYS_fchdir, I(-1));
    syscall(SYS_fchmod, I(-1), J(0644));
    syscall(SYS_fchown, I(-1), I(-1), J(0));
    syscall(SYS_ftruncate, I(-1), 0x100000000UL);
    syscall(SYS_lseek, I(fds[0]), 0x100000000L, J(SEEK_CUR));
    syscall(SYS_read, I(fds[0]), (void *) 0, 0x100000000UL);
    syscall(SYS_write, J(fds[1]), "x", 1UL);
    syscall(SYS_fcntl, I(fds[0]), J(F_GETFL));
    syscall(SYS_fcntl, I(fds[0]), J(F_SETFD), 0xfacefeed00000001UL);
    syscall(SYS_fcntl, I(fds[0]), I(F_DUPFD), J(50));
    syscall(SYS_ioctl, I(-1), J(0x5401), 0UL);
    syscall(SYS_epoll_create1, I(EPOLL_CLOEXEC));
    syscall(SYS_epoll_create, J(1));
    syscall(SYS_epoll_ctl, I(-1), J(1), I(-2), (void *) 0);
    syscall(SYS_epoll_wait, I(-1), (void *) 0, J(1), I(0));
    syscall(SYS_eventfd2, I(3), J(O_NONBLOCK));
    syscall(SYS_signalfd4, I(-1), (void *) 0, 8UL, J(O_CLOEXEC));
    syscall(SYS_timerfd_create, I(CLOCK_MONOTONIC), J(O_NONBLOCK));
    syscall(SYS_inotify_init1, I(O_NONBLOCK));
    syscall(SYS_memfd_create, "m", I(1));
    syscall(SYS_pidfd_open, I(getpid()), J(0));
    syscall(SYS_copy_file_range, I(-1), (void *) 0, J(-1), (void *) 0, 1UL, I(0));
    syscall(SYS_splice, I(-1), (void *) 0, J(-1), (void *) 0, 1UL, I(1));
    syscall(SYS_tee, I(-1), J(-1), 1UL, I(2));
    syscall(SYS_sync_file_range, I(-1), 0L, 0L, J(1));
    syscall(SYS_fallocate, I(-1), J(1), 0L, 1L);
    syscall(SYS_fadvise64, I(-1), 0L, 0UL, J(1));
    syscall(SYS_readahead, I(-1), 0L, 1UL);
    syscall(SYS_poll, (void *) 0, J(0), I(0));
    syscall(SYS_getdents64, I(-1), (void *) 0, J(16));
}

static void memory(void) {
    long page = sysconf(_SC_PAGESIZE);
    void *p = (void *) syscall(SYS_mmap, 0, (unsigned long) page, 3UL, 0x22UL, J(-1), 0UL);
    syscall(SYS_madvise, p, (unsigned long) page, I(1));
    syscall(SYS_madvise, p, (unsigned long) page, J(4));
    syscall(SYS_mprotect, p, (unsigned long) page, 1UL);
    syscall(SYS_msync, p, (unsigned long) page, I(4));
    syscall(SYS_mlock2, p, (unsigned long) page, J(1));
    syscall(SYS_munlock, p, (unsigned long) page);
    syscall(SYS_mlockall, I(4));
    syscall(SYS_pkey_mprotect, p, (unsigned long) page, 3UL, J(-1));
    syscall(SYS_pkey_free, I(-1));
    syscall(SYS_munmap, p, (unsigned long) page);
}

static void process(void) {
    int pid = getpid();
    syscall(SYS_kill, I(pid), J(0));
    syscall(SYS_tkill, I(pid), I(0));
    syscall(SYS_tgkill, I(pid), J(pid), I(0));
    syscall(SYS_getpgid, I(0));
    syscall(SYS_getsid, J(0));
    syscall(SYS_setpgid, I(0), J(0));
    syscall(SYS_setuid, I(-1));
    syscall(SYS_setreuid, I(-1), J(-1));
    syscall(SYS_setresuid, I(-1), J(-1), I(-1));
    syscall(SYS_setregid, J(-1), I(-1));
    syscall(SYS_setresgid, I(-1), I(-1), J(-1));
    syscall(SYS_setfsuid, I(-1));
    syscall(SYS_setfsgid, J(-1));
    syscall(SYS_personality, I(0xffffffff));
    syscall(SYS_personality, J(0x0040000));
    syscall(SYS_personality, I(0));
    syscall(SYS_setns, I(-1), J(0));
    syscall(SYS_setns, I(-1), J(CLONE_NEWNET));
    syscall(SYS_unshare, J(0));
    syscall(SYS_userfaultfd, J(O_CLOEXEC | O_NONBLOCK));
    syscall(SYS_getpriority, I(0), J(0));
    syscall(SYS_ioprio_get, I(1), J(0));
    syscall(SYS_ioprio_set, I(1), J(0), I(2 << 13 | 4));
    syscall(SYS_ioprio_get, J(1), I(0));
    syscall(SYS_ioprio_set, J(1), I(0), J(0));
    syscall(SYS_sched_getscheduler, I(0));
    syscall(SYS_sched_get_priority_max, J(0));
    syscall(SYS_sched_get_priority_min, I(1));
    syscall(SYS_wait4, I(-1), (void *) 0, J(1), (void *) 0);
    syscall(SYS_getrlimit, I(7), (void *) 0);
    syscall(SYS_prlimit64, I(0), J(7), (void *) 0, (void *) 0);
    syscall(SYS_getrusage, J(0), (void *) 0);
    unsigned long mask[16];
    syscall(SYS_sched_getaffinity, I(0), J(sizeof mask), mask);
    syscall(SYS_kcmp, I(pid), J(pid), I(0), 0UL, 0UL);
}

static void signals(void) {
    struct sigaction old;
    syscall(SYS_rt_sigaction, I(SIGUSR1), (void *) 0, &old, 8UL);
    syscall(SYS_rt_sigaction, J(34), (void *) 0, (void *) 0, 8UL);
    syscall(SYS_rt_sigprocmask, I(SIG_BLOCK), (void *) 0, (void *) 0, 8UL);
    syscall(SYS_rt_sigqueueinfo, I(-1), J(0), (void *) 0);
    syscall(SYS_rt_tgsigqueueinfo, I(-1), J(-1), I(SIGUSR2), (void *) 0);
}

static void times(void) {
    struct timespec ts;
    syscall(SYS_alarm, I(42));
    syscall(SYS_alarm, J(0));
    syscall(SYS_clock_gettime, I(CLOCK_MONOTONIC), &ts);
    syscall(SYS_clock_getres, J(CLOCK_REALTIME), &ts);
    struct timespec zero = {0, 0};
    syscall(SYS_clock_nanosleep, I(CLOCK_MONOTONIC), J(0), &zero, (void *) 0);
    syscall(SYS_getitimer, I(0), (void *) 0);
    syscall(SYS_timer_gettime, J(-1), (void *) 0);
    syscall(SYS_timer_delete, I(-1));
    syscall(SYS_timer_getoverrun, J(-1));
    syscall(SYS_timerfd_settime, I(-1), J(1), (void *) 0, (void *) 0);
    syscall(SYS_timerfd_gettime, I(-1), (void *) 0);
}

static void sockets(void) {
    int s = syscall(SYS_socket, I(AF_UNIX), J(SOCK_DGRAM | SOCK_CLOEXEC), I(0));
    syscall(SYS_close, syscall(SYS_socket, AF_INET, J(SOCK_DGRAM), J(17)));
    syscall(SYS_close, syscall(SYS_socket, I(AF_INET), SOCK_DGRAM, J(17)));
    int sv[2];
    syscall(SYS_socketpair, I(AF_UNIX), J(SOCK_STREAM), 0UL, sv);
    syscall(SYS_shutdown, I(sv[0]), J(SHUT_WR));
    syscall(SYS_listen, I(s), J(5));
    syscall(SYS_sendto, I(sv[1]), "x", 1UL, J(MSG_DONTWAIT), (void *) 0, I(0));
    char c;
    syscall(SYS_recvfrom, I(sv[0]), &c, 1UL, J(MSG_DONTWAIT), (void *) 0, (void *) 0);
    syscall(SYS_sendmsg, I(-1), (void *) 0, J(MSG_NOSIGNAL));
    syscall(SYS_recvmsg, I(-1), (void *) 0, J(MSG_PEEK));
    syscall(SYS_accept4, I(-1), (void *) 0, (void *) 0, J(SOCK_NONBLOCK));
    int one = 1;
    syscall(SYS_setsockopt, I(s), J(SOL_SOCKET), I(SO_PASSCRED), &one, J(sizeof one));
    socklen_t len = sizeof one;
    syscall(SYS_getsockopt, I(s), J(SOL_SOCKET), I(SO_TYPE), &one, &len);
    syscall(SYS_connect, I(-1), (void *) 0, J(0));
    syscall(SYS_bind, I(-1), (void *) 0, J(0));
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    files();
    descriptors();
    memory();
    process();
    signals();
    times();
    sockets();
    return 0;
}
