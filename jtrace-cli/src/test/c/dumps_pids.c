/* What -e read=, -e write= and -Y show: "io" makes read- and write-family calls of every shape
 * strace dumps (plain buffers, iovecs with an empty buffer and more room than data, msghdr and
 * mmsghdr vectors, failed calls, a buffer running into an unmapped page, buffers longer than the
 * 64 KiB strace reads at a time and than 1 MiB); "pids" forks a child that renames itself and makes
 * the calls whose pid arguments and results -Y names; "env" prints its environment. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int io(void) {
    int p[2], s[2];
    char buf[256];
    if (pipe(p) || socketpair(AF_UNIX, SOCK_DGRAM, 0, s)) return 1;
    /* fds 3,4 the pipe; 5,6 the sockets */
    static const char text[] = "hello\tworld \x01\x7f\xff and a line longer than sixteen";
    write(p[1], text, sizeof text);
    read(p[0], buf, sizeof buf);
    struct iovec wv[3] = {{(void *) "abc", 3}, {(void *) "", 0}, {(void *) "def", 3}};
    writev(p[1], wv, 3);
    struct iovec rv[2] = {{buf, 2}, {buf + 10, 100}};
    readv(p[0], rv, 2);
    write(p[1], "x", 1);
    read(p[0], buf, 0);
    read(p[0], buf, 1);
    write(p[1], (void *) 8, 4);           /* EFAULT: dumped anyway, from nothing readable */
    write(-1, "abc", 3);                  /* EBADF on no descriptor */
    sendto(s[0], "dgram", 5, 0, NULL, 0);
    recvfrom(s[1], buf, sizeof buf, 0, NULL, NULL);
    struct iovec mv[2] = {{(void *) "msg-", 4}, {(void *) "vector", 6}};
    struct msghdr mh = {.msg_iov = mv, .msg_iovlen = 2};
    sendmsg(s[0], &mh, 0);
    struct iovec rmv[2] = {{buf, 3}, {buf + 3, 50}};
    struct msghdr rmh = {.msg_iov = rmv, .msg_iovlen = 2};
    recvmsg(s[1], &rmh, 0);
    struct mmsghdr mm[2] = {{.msg_hdr = {.msg_iov = mv, .msg_iovlen = 1}},
                            {.msg_hdr = {.msg_iov = mv + 1, .msg_iovlen = 1}}};
    sendmmsg(s[0], mm, 2, 0);
    char b1[8], b2[8];
    struct iovec r1 = {b1, 8}, r2 = {b2, 8};
    struct mmsghdr rmm[2] = {{.msg_hdr = {.msg_iov = &r1, .msg_iovlen = 1}},
                             {.msg_hdr = {.msg_iov = &r2, .msg_iovlen = 1}}};
    recvmmsg(s[1], rmm, 2, 0, NULL);
    /* A buffer whose second page is gone. */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(pages, 'p', 4096);
    munmap(pages + 4096, 4096);
    write(p[1], pages + 4096 - 20, 40);     /* EFAULT, its dump cut short: strace warns */
    int null = open("/dev/null", O_WRONLY);          /* 7 */
    size_t big = (1 << 20) + 40;
    char *large = malloc(big);
    for (size_t i = 0; i < big; i++) large[i] = (char) i;
    write(null, large, 70000);
    write(null, large, big);
    pwrite(null, "pw", 2, 0);
    return 0;
}

static int pids(void) {
    int go[2];
    if (pipe(go)) return 1;
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(go[0], &c, 1);
        prctl(PR_SET_NAME, "kid<\33>");
        getppid();
        kill(getppid(), 0);
        syscall(SYS_tgkill, getppid(), getppid(), 0);
        _exit(0);
    }
    write(go[1], "g", 1);
    waitpid(child, NULL, 0);
    pid_t me = getpid();
    syscall(SYS_gettid);
    kill(child, 0);                       /* reaped: no name */
    kill(me, 0);
    kill(-me, 0);                         /* a group: no name */
    getpgid(me);
    getsid(me);
    sched_getscheduler(me);
    struct rlimit r;
    prlimit(me, RLIMIT_NOFILE, NULL, &r);
    int fd = open("/dev/null", O_RDONLY);
    fcntl(fd, F_SETOWN, me);
    fcntl(fd, F_GETOWN);
    syscall(SYS_pidfd_open, me, 0);       /* -yy -Y: <pid:N<name>> */
    int ack[2], go2[2];
    if (pipe(ack) || pipe(go2)) return 1;
    pid_t stopped = fork();
    if (stopped == 0) {
        char c;
        read(go2[0], &c, 1);              /* once the parent's clone line is whole */
        getppid();                        /* traced, so known to the tracer before the parent goes on */
        write(ack[1], "a", 1);
        read(go[0], &c, 1);               /* nothing comes: it is stopped, then killed */
        _exit(0);
    }
    char c;
    write(go2[1], "g", 1);
    read(ack[0], &c, 1);
    siginfo_t si;
    kill(stopped, SIGSTOP);
    waitid(P_PID, stopped, &si, WSTOPPED);
    kill(stopped, SIGKILL);
    /* Reaped untraced: when the tracer learns of its death is no business of the trace's. */
    waitpid(stopped, NULL, 0);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "io") == 0) return io();
    if (argc > 1 && strcmp(argv[1], "pids") == 0) return pids();
    for (char **e = environ; *e; e++) printf("%s\n", *e);
    return 0;
}
