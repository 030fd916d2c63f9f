/*
 * Exercises: death by SIGKILL while the tracee is blocked inside a system call. After the marker
 * getppid, it reads from a pipe whose write end it holds open itself: the read never returns.
 */
#include <unistd.h>

int main(void) {
    int fds[2];
    char c;
    if (pipe(fds) != 0) return 2;
    getppid();
    read(fds[0], &c, 1);
    return 1;
}
