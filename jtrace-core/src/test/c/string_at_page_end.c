/*
 * Exercises: reading tracee memory that ends right before an unmapped page. Maps two pages, unmaps
 * the second, copies a NUL-terminated string so that its NUL is the first page's last byte, then
 * calls getppid with the string's address and length as (ignored) arguments: the test's marker.
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char text[] = "the end of the mapped page";

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || munmap(p + page, page) != 0) return 2;
    char *s = p + page - sizeof text;
    memcpy(s, text, sizeof text);
    syscall(SYS_getppid, s, sizeof text);
    return 0;
}
