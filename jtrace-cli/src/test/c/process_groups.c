/*
 * getgroups and setgroups: group id arrays out and in, -1, NULL, bad pointers, bad sizes (above
 * NGROUPS_MAX, negative), an array whose end is unreadable.
 */
#include <unistd.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/syscall.h>
int main(void){ gid_t g[64]; int n=getgroups(0,g); getgroups(64,g); syscall(SYS_getgroups, 1, (void*)1); syscall(SYS_getgroups, -1, g);
 gid_t s[3]={0,4294967295u,27}; setgroups(3,s); setgroups(0,NULL); syscall(SYS_setgroups, 2, (void*)1); syscall(SYS_setgroups, 1, g);
 syscall(SYS_setgroups, 65537, s); syscall(SYS_setgroups, -1, s);
 /* The first id readable, the second on an unmapped page. */
 char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
 munmap(pages + 4096, 4096);
 gid_t *last = (gid_t *) (pages + 4096) - 1;
 *last = 4294967294u;
 syscall(SYS_setgroups, 2, last); syscall(SYS_setgroups, 3, last - 1); syscall(SYS_setgroups, 65536, last);
 return n<0; }
