#include <errno.h>
/* waitid and rt_sigqueueinfo: a siginfo_t read from memory, printed at exit (waitid) or entry. */
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <string.h>
int main(void){ siginfo_t si;
 /* SIGCHLD stays blocked, so that its delivery cannot race with the waitid lines. */
 sigset_t chld; sigemptyset(&chld); sigaddset(&chld, SIGCHLD); sigprocmask(SIG_BLOCK, &chld, NULL);
 pid_t c=fork(); if(!c) _exit(3);
 waitid(P_PID, c, &si, WEXITED|WNOWAIT); waitid(P_ALL, 0, &si, WEXITED);
 syscall(SYS_waitid, P_PGID, 0, NULL, WEXITED|WNOHANG, NULL); syscall(SYS_waitid, 7, 0, (void*)1, 0x1000000, (void*)8);
 memset(&si,0,sizeof si); si.si_signo=SIGUSR1; si.si_code=-1; si.si_pid=getpid(); si.si_uid=0; si.si_value.sival_int=7;
 signal(SIGUSR1, SIG_IGN); syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si); syscall(SYS_rt_tgsigqueueinfo, getpid(), getpid(), SIGUSR1, &si);
 syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, (void*)1);
 /* si_errno by name; a queued signal without a value; an AIO and a SIGIO sender; a timer id 0 */
 si.si_errno=ENOENT; si.si_value.sival_ptr=NULL; syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
 si.si_errno=4095; si.si_code=-4; syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
 memset(&si,0,sizeof si); si.si_signo=SIGUSR1; si.si_code=-5; si.si_band=65; si.si_fd=3; syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
 memset(&si,0,sizeof si); si.si_signo=SIGUSR1; si.si_code=-2; si.si_value.sival_int=9; syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
 return 0; }
