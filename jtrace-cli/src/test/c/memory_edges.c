/*
 * Strings, buffers and execve's arrays that run into an unmapped page: each is put at the end of a
 * readable page whose successor is unmapped. Paths with no NUL before that page, with the NUL as
 * the page's last byte, and of PATH_MAX bytes or more; a write whose buffer is cut short by the
 * page; memfd_create's name, of which strace reads 250 bytes at most; argv and envp arrays with no NULL before it, a pointer straddling it, a string running
 * into it, and arrays that begin at it. The execve calls fail (no such file).
 *
 * argv[1]: an empty directory to work in.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096

static void execs(const char *path, char **argv, char **envp)
{
	syscall(SYS_execve, path, argv, envp);
	syscall(SYS_execveat, AT_FDCWD, path, argv, envp, AT_SYMLINK_NOFOLLOW);
}

int main(int argc, char **argv)
{
	if (argc < 2 || chdir(argv[1]))
		return 1;
	char *p = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	munmap(p + 2 * PAGE, PAGE);
	munmap(p + 4 * PAGE, PAGE);
	char *end = p + 2 * PAGE;
	memset(p, 'a', 2 * PAGE);

	syscall(SYS_chdir, end - 3);       /* no NUL before the unmapped page */
	syscall(SYS_chdir, end - 1);
	end[-1] = 0;                       /* the NUL is the page's last byte */
	syscall(SYS_chdir, end - 4);
	syscall(SYS_chdir, end - 1);
	syscall(SYS_chdir, end - PAGE);    /* PATH_MAX - 1 bytes, then the NUL */
	syscall(SYS_chdir, end - PAGE - 1);
	end[-1] = 'a';
	syscall(SYS_chdir, end - PAGE);    /* PATH_MAX bytes and no NUL */
	syscall(SYS_chdir, end - 2 * PAGE);
	syscall(SYS_write, -1, end - 3, 3);
	syscall(SYS_write, -1, end - 3, 4);    /* cut short by the page */
	syscall(SYS_write, -1, end - 40, 41);
	/* memfd_create reads no more of its name than the 249 bytes and NUL the kernel allows */
	syscall(SYS_memfd_create, end - 250, 0);
	syscall(SYS_memfd_create, end - 251, 0);

	/*
	 * A page of strings and one of pointers, the pointers' page followed by the unmapped one; one
	 * more page, unmapped after it too, for a string.
	 */
	char *strings = p;
	strcpy(strings, "prog");
	strcpy(strings + 8, "arg");
	strcpy(strings + 16, "VAR=1");
	char **ptrs = (char **) (end - PAGE);
	memset(ptrs, 0, PAGE);
	char **tail = (char **) end - 2;   /* two pointers, then the unmapped page */
	tail[0] = strings;
	tail[1] = strings + 8;
	execs("/nonexistent", tail, tail);
	tail[1] = 0;
	execs("/nonexistent", tail, tail); /* terminated just in time */
	char *other_end = p + 4 * PAGE;    /* a string that runs into the other unmapped page */
	other_end[-2] = 'x';
	other_end[-1] = 'y';
	tail[1] = other_end - 2;
	execs("/nonexistent", tail, tail);
	char **straddling = (char **) (end - 4);
	execs("/nonexistent", straddling, straddling);
	char **two = tail - 1;             /* one pointer, then one straddling */
	two[0] = strings + 16;
	char **odd = (char **) ((char *) two + 4);
	odd[0] = strings;
	execs("/nonexistent", odd, odd);
	execs("/nonexistent", (char **) end, (char **) end);
	execs("/nonexistent", NULL, NULL);
	return 0;
}
