/*
 * Exercises: death by SIGKILL while the tracee is in a ptrace-stop. getppid is the marker: the test
 * kills the process at that syscall's entry stop. Were the kill lost, it would exit 1 after 5 s.
 */
#include <unistd.h>

int main(void) {
    getppid();
    sleep(5);
    return 1;
}
