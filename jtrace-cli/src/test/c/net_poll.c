/* Waiting on descriptors: poll, ppoll, select, pselect6 and epoll with ready, idle, closed and invalid
 * descriptors, empty sets, zero timeouts and bad pointers. Nothing waits: every timeout is zero or
 * something is ready. The trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(void) {
    int p[2], q[2];
    syscall(SYS_close_range, 3, ~0U, 0);
    syscall(SYS_pipe2, p, 0);
    syscall(SYS_pipe2, q, 0);
    syscall(SYS_write, p[1], "x", 1);

    struct pollfd pfd[4] = {{p[0], POLLIN | POLLPRI, 0}, {p[1], POLLOUT, 0}, {q[0], POLLIN | POLLRDHUP, 0}, {-1, POLLIN, 0}};
    syscall(SYS_poll, pfd, 4, 0);
    syscall(SYS_poll, pfd + 2, 2, 0);
    syscall(SYS_poll, NULL, 0, 0);
    syscall(SYS_poll, BAD, 1, 0);
    struct pollfd odd[2] = {{99, 0x4000 | POLLIN, 0}, {q[0], 0, 0}};
    syscall(SYS_poll, odd, 2, 0);
    syscall(SYS_poll, pfd, 4, -1);
    struct timespec zero = {0, 0};
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    syscall(SYS_ppoll, pfd, 4, &zero, &mask, (size_t) 8);
    syscall(SYS_ppoll, pfd + 2, 1, &zero, NULL, (size_t) 8);
    syscall(SYS_ppoll, pfd, 2, NULL, NULL, 0);
    syscall(SYS_ppoll, pfd, 1, BAD, BAD, (size_t) 8);
    syscall(SYS_ppoll, pfd, 1, &zero, &mask, 4);

    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(p[0], &r);
    FD_SET(q[0], &r);
    FD_SET(p[1], &w);
    FD_SET(q[1], &e);
    struct timeval tv = {0, 0};
    syscall(SYS_select, q[1] + 1, &r, &w, &e, &tv);
    FD_ZERO(&r);
    FD_SET(q[0], &r);
    tv.tv_usec = 0;
    syscall(SYS_select, q[0] + 1, &r, NULL, NULL, &tv);
    syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
    syscall(SYS_select, 2, BAD, NULL, NULL, &tv);
    syscall(SYS_select, -1, &r, NULL, NULL, &tv);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    syscall(SYS_select, p[0] + 1, &r, NULL, NULL, NULL);
    FD_SET(1000, &r);
    syscall(SYS_select, 1001, &r, NULL, NULL, BAD);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    FD_SET(q[0], &r);
    struct {
        const sigset_t *ss;
        size_t len;
    } sig = {&mask, 8};
    syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, &zero, &sig);
    syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, &zero, NULL);
    FD_SET(q[0], &r);
    syscall(SYS_pselect6, q[0] + 1, &r, NULL, NULL, &zero, BAD);
    sig.ss = NULL;
    syscall(SYS_pselect6, 0, NULL, NULL, NULL, &zero, &sig);

    int ep = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
    syscall(SYS_epoll_create1, 0);
    syscall(SYS_epoll_create1, 1);
    syscall(SYS_epoll_create, 1);
    syscall(SYS_epoll_create, 0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = p[0]};
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
    ev.events = EPOLLOUT;
    ev.data.u64 = 0x1122334455667788ULL;
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], &ev);
    ev.events = EPOLLIN | 0x800;
    ev.data.fd = q[0];
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, q[0], &ev);
    ev.events = 0;
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, q[0], &ev);
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, q[0], NULL);
    syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, q[0], BAD);
    syscall(SYS_epoll_ctl, ep, 7, q[0], &ev);
    struct epoll_event out[4];
    syscall(SYS_epoll_wait, ep, out, 4, 0);
    syscall(SYS_epoll_wait, ep, out, 1, 0);
    syscall(SYS_epoll_wait, ep, BAD, 4, 0);
    syscall(SYS_epoll_wait, ep, out, 0, 0);
    syscall(SYS_epoll_pwait, ep, out, 4, 0, &mask, (size_t) 8);
    syscall(SYS_epoll_pwait, ep, out, 4, 0, NULL, (size_t) 8);
    syscall(SYS_epoll_pwait, ep, out, 4, 0, BAD, (size_t) 8);
    syscall(SYS_epoll_pwait2, ep, out, 4, &zero, &mask, (size_t) 8);
    syscall(SYS_epoll_pwait2, ep, out, 4, NULL, NULL, (size_t) 8);
    int idle = syscall(SYS_epoll_create1, 0);
    syscall(SYS_epoll_wait, idle, out, 4, 0);
    return 0;
}
