/* POSIX timers: sigevent structures, timer ids, itimerspec in and out; ends killed by its own SIGALRM. */
#include <signal.h>
#include <time.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(void){ timer_t t; struct sigevent ev; memset(&ev,0,sizeof ev); ev.sigev_notify=SIGEV_SIGNAL; ev.sigev_signo=SIGALRM; ev.sigev_value.sival_int=5;
 timer_create(CLOCK_MONOTONIC,&ev,&t); struct itimerspec its={{0,0},{100,5}}, old; timer_settime(t,0,&its,&old); timer_gettime(t,&old); timer_getoverrun(t);
 timer_create(CLOCK_REALTIME,NULL,&t); ev.sigev_notify=SIGEV_NONE; timer_create(CLOCK_BOOTTIME,&ev,&t); ev.sigev_notify=SIGEV_THREAD_ID; ev._sigev_un._tid=getpid(); timer_create(CLOCK_REALTIME,&ev,&t);
 /* SIGEV_THREAD (which only the C library implements: the kernel refuses it) and an unknown notify */
 ev.sigev_notify=SIGEV_THREAD; ev._sigev_un._sigev_thread._function=(void (*)(__sigval_t))0x1234; ev._sigev_un._sigev_thread._attribute=NULL; syscall(SYS_timer_create, CLOCK_REALTIME, &ev, &t);
 ev.sigev_notify=77; ev.sigev_signo=-5; syscall(SYS_timer_create, CLOCK_REALTIME, &ev, &t);
 syscall(SYS_timer_create, 99, (void*)1, (void*)2); timer_settime(t, TIMER_ABSTIME, &its, NULL); syscall(SYS_timer_settime, 77, 0, (void*)1, (void*)2); timer_delete(t); syscall(SYS_timer_delete, 1234); return 0; }
