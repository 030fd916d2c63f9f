/*
 * Exercises: vfork. With the argument "exec" the child execs /bin/true (status 0); with "exit" it
 * calls _exit(7). The parent exits 0 when it reaped the status it expected, else 1.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int exec = argc > 1 && strcmp(argv[1], "exec") == 0;
    pid_t pid = vfork();
    if (pid < 0) return 2;
    if (pid == 0) {
        if (exec) execl("/bin/true", "true", (char *) NULL);
        _exit(7);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return 1;
    return WEXITSTATUS(status) == (exec ? 0 : 7) ? 0 : 1;
}
