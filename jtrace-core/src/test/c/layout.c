/*
 * Exercises: the struct layouts, constants and wait-status macros the bindings hard-code. Prints
 * "NAME VALUE" lines as the C library and kernel headers define them; "siginfo.* HEX" lines hold
 * whole siginfo_t values with known fields, to decode with the bindings' accessors.
 */
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <linux/ptrace.h>

#define SHOW(name, value) printf("%s %lld\n", name, (long long) (value))
#define REG(field) SHOW("user_regs_struct." #field, offsetof(struct user_regs_struct, field))

static void dump(const char *name, const siginfo_t *si) {
    printf("%s ", name);
    const unsigned char *p = (const unsigned char *) si;
    for (size_t i = 0; i < sizeof *si; i++) printf("%02x", p[i]);
    putchar('\n');
}

int main(void) {
    SHOW("ptrace_syscall_info.size", sizeof(struct ptrace_syscall_info));
    SHOW("ptrace_syscall_info.op", offsetof(struct ptrace_syscall_info, op));
    SHOW("ptrace_syscall_info.arch", offsetof(struct ptrace_syscall_info, arch));
    SHOW("ptrace_syscall_info.instruction_pointer", offsetof(struct ptrace_syscall_info, instruction_pointer));
    SHOW("ptrace_syscall_info.stack_pointer", offsetof(struct ptrace_syscall_info, stack_pointer));
    SHOW("ptrace_syscall_info.entry.nr", offsetof(struct ptrace_syscall_info, entry.nr));
    SHOW("ptrace_syscall_info.entry.args", offsetof(struct ptrace_syscall_info, entry.args));
    SHOW("ptrace_syscall_info.exit.rval", offsetof(struct ptrace_syscall_info, exit.rval));
    SHOW("ptrace_syscall_info.exit.is_error", offsetof(struct ptrace_syscall_info, exit.is_error));
    SHOW("ptrace_syscall_info.seccomp.nr", offsetof(struct ptrace_syscall_info, seccomp.nr));
    SHOW("ptrace_syscall_info.seccomp.args", offsetof(struct ptrace_syscall_info, seccomp.args));
    SHOW("ptrace_syscall_info.seccomp.ret_data", offsetof(struct ptrace_syscall_info, seccomp.ret_data));

    SHOW("siginfo.size", sizeof(siginfo_t));
    SHOW("siginfo.si_signo", offsetof(siginfo_t, si_signo));
    SHOW("siginfo.si_errno", offsetof(siginfo_t, si_errno));
    SHOW("siginfo.si_code", offsetof(siginfo_t, si_code));
    SHOW("siginfo.si_pid", offsetof(siginfo_t, si_pid));
    SHOW("siginfo.si_uid", offsetof(siginfo_t, si_uid));
    SHOW("siginfo.si_status", offsetof(siginfo_t, si_status));
    SHOW("siginfo.si_utime", offsetof(siginfo_t, si_utime));
    SHOW("siginfo.si_stime", offsetof(siginfo_t, si_stime));
    SHOW("siginfo.si_addr", offsetof(siginfo_t, si_addr));
    SHOW("siginfo.si_value", offsetof(siginfo_t, si_value));

    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGCHLD;
    si.si_errno = 5;
    si.si_code = CLD_EXITED;
    si.si_pid = 123456;
    si.si_uid = 1001;
    si.si_status = 42;
    si.si_utime = 7000000001LL;
    si.si_stime = 9000000002LL;
    dump("siginfo.sigchld", &si);
    memset(&si, 0, sizeof si);
    si.si_signo = SIGSEGV;
    si.si_code = SEGV_MAPERR;
    si.si_addr = (void *) 0x7ffd12345678ULL;
    dump("siginfo.sigsegv", &si);
    memset(&si, 0, sizeof si);
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = 77;
    si.si_uid = 88;
    si.si_value.sival_ptr = (void *) 0x1122334455667788ULL;
    dump("siginfo.sigqueue", &si);

    SHOW("user_regs_struct.size", sizeof(struct user_regs_struct));
    REG(r15); REG(r14); REG(r13); REG(r12); REG(rbp); REG(rbx); REG(r11); REG(r10); REG(r9);
    REG(r8); REG(rax); REG(rcx); REG(rdx); REG(rsi); REG(rdi); REG(orig_rax); REG(rip); REG(cs);
    REG(eflags); REG(rsp); REG(ss); REG(fs_base); REG(gs_base); REG(ds); REG(es); REG(fs); REG(gs);

    SHOW("iovec.size", sizeof(struct iovec));
    SHOW("iovec.iov_base", offsetof(struct iovec, iov_base));
    SHOW("iovec.iov_len", offsetof(struct iovec, iov_len));
    SHOW("rusage.size", sizeof(struct rusage));
    SHOW("rusage.ru_stime", offsetof(struct rusage, ru_stime));

    SHOW("posix_spawn_file_actions_t.size", sizeof(posix_spawn_file_actions_t));
    SHOW("posix_spawnattr_t.size", sizeof(posix_spawnattr_t));
    SHOW("sigset_t.size", sizeof(sigset_t));
    SHOW("POSIX_SPAWN_SETSIGDEF", POSIX_SPAWN_SETSIGDEF);
    SHOW("POSIX_SPAWN_SETSIGMASK", POSIX_SPAWN_SETSIGMASK);
    SHOW("sigaction.size", sizeof(struct sigaction));
    SHOW("sigaction.sa_handler", offsetof(struct sigaction, sa_handler));
    SHOW("sigaction.sa_mask", offsetof(struct sigaction, sa_mask));
    SHOW("sigaction.sa_flags", offsetof(struct sigaction, sa_flags));

    SHOW("PTRACE_SEIZE", PTRACE_SEIZE);
    SHOW("PTRACE_INTERRUPT", PTRACE_INTERRUPT);
    SHOW("PTRACE_LISTEN", PTRACE_LISTEN);
    SHOW("PTRACE_GET_SYSCALL_INFO", PTRACE_GET_SYSCALL_INFO);
    SHOW("PTRACE_GETEVENTMSG", PTRACE_GETEVENTMSG);
    SHOW("PTRACE_GETSIGINFO", PTRACE_GETSIGINFO);
    SHOW("PTRACE_O_EXITKILL", PTRACE_O_EXITKILL);
    SHOW("PTRACE_EVENT_STOP", PTRACE_EVENT_STOP);
    SHOW("PTRACE_SYSCALL_INFO_SECCOMP", PTRACE_SYSCALL_INFO_SECCOMP);
    SHOW("__WALL", __WALL);
    SHOW("__WNOTHREAD", __WNOTHREAD);
    SHOW("WNOHANG", WNOHANG);

    /* Wait statuses as the kernel builds them: exit 3, killed by SIGKILL with and without core, stopped by SIGSTOP,
       a ptrace event stop, a syscall stop. */
    int statuses[] = {3 << 8, 9, 11 | 0x80, (19 << 8) | 0x7f, (PTRACE_EVENT_EXEC << 16) | (SIGTRAP << 8) | 0x7f,
                      ((SIGTRAP | 0x80) << 8) | 0x7f, 0xffff};
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
        int s = statuses[i];
        printf("status %d %d %d %d %d %d %d %d\n", s, WIFEXITED(s) ? 1 : 0, WEXITSTATUS(s), WIFSIGNALED(s) ? 1 : 0,
               WTERMSIG(s), WCOREDUMP(s) ? 1 : 0, WIFSTOPPED(s) ? 1 : 0, WSTOPSIG(s));
    }
    return 0;
}
