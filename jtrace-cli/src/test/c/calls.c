/* Makes system calls whose arguments jtrace prints as integers, strings, paths and buffers, with
 * ordinary, boundary and invalid values: the trace must match strace 6.1's line for line. */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    char buf[64];
    static const char binary[] = "\0\1\2\3\t\n\v\f\r\033\"\\\177\200\377 07 end";
    syscall(SYS_getpid);
    write(1, "hello\n", 6);
    write(1, "", 0);
    write(1, "a string of more than thirty-two characters, to be cut\n", 55);
    write(1, binary, sizeof binary);
    write(-1, "to a bad descriptor", 19);
    write(1, NULL, 5);
    write(1, (const char *) 1, 5);
    syscall(SYS_write, 1, NULL, 0); /* NULL whatever the length */
    syscall(SYS_read, 0, NULL, 0);
    chdir("/");
    chdir("/nonexistent/directory");
    chdir(NULL);
    syscall(SYS_chdir, (const char *) 16);
    unlink("/nonexistent/file");
    rmdir("/nonexistent");
    close(-1);
    close(12345);
    read(-1, buf, sizeof buf);
    read(0, buf, 0);
    syscall(SYS_close, 0xffffffff00000063UL); /* an int argument with garbage in the upper half */
    return 0;
}
