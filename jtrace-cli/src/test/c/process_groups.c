/* getgroups and setgroups: group id arrays out and in, -1, NULL, bad pointers, bad sizes. */
#include <unistd.h>
#include <grp.h>
#include <sys/syscall.h>
int main(void){ gid_t g[64]; int n=getgroups(0,g); getgroups(64,g); syscall(SYS_getgroups, 1, (void*)1); syscall(SYS_getgroups, -1, g);
 gid_t s[3]={0,4294967295u,27}; setgroups(3,s); setgroups(0,NULL); syscall(SYS_setgroups, 2, (void*)1); syscall(SYS_setgroups, 1, g); return n<0; }
