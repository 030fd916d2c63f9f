/* A parent that forks a child which writes and exits 5; the parent waits, then writes. */
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t child = fork();
    if (child == 0) {
        write(1, "child\n", 6);
        _exit(5);
    }
    int status;
    waitpid(child, &status, 0);
    write(1, "parent\n", 7);
    return WEXITSTATUS(status) == 5 ? 0 : 1;
}
