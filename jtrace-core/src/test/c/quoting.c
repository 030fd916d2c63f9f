/*
 * Fixture for QuotingTest: makes system calls whose string arguments strace quotes, and prints
 * each string it passed, one per line as "<kind>:<hex bytes>", in the order of the calls.
 *
 *   buf     write(-1, bytes, length): a buffer of explicit length
 *   str     execve("/nonexistent/jtrace-quoting", [bytes], NULL): a NUL-terminated string
 *   path    execve(bytes, [], NULL): a path
 *   fdpath  write(200, "x", 1) with fd 200 open on a file of that absolute path, for -y
 *
 * Every call fails or writes one byte to a file it then removes; run it in an empty directory.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FD_FOR_PATHS 200

static void describe(const char *kind, const unsigned char *bytes, size_t len)
{
	printf("%s:", kind);
	for (size_t i = 0; i < len; i++)
		printf("%02x", bytes[i]);
	putchar('\n');
}

static void buf_case(const void *bytes, size_t len)
{
	describe("buf", bytes, len);
	if (write(-1, bytes, len) != -1)
		abort();
}

static void str_case(const char *s)
{
	char *argv[] = { (char *) s, NULL };
	describe("str", (const unsigned char *) s, strlen(s));
	execve("/nonexistent/jtrace-quoting", argv, NULL);
}

static void path_case(const char *path)
{
	char *argv[] = { NULL };
	describe("path", (const unsigned char *) path, strlen(path));
	execve(path, argv, NULL);
}

static void fdpath_case(const char *name)
{
	char cwd[4096];
	char full[8192];
	if (!getcwd(cwd, sizeof cwd))
		abort();
	snprintf(full, sizeof full, "%s/%s", cwd, name);
	int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, FD_FOR_PATHS) != FD_FOR_PATHS)
		abort();
	describe("fdpath", (const unsigned char *) full, strlen(full));
	if (write(FD_FOR_PATHS, "x", 1) != 1)
		abort();
	close(FD_FOR_PATHS);
	close(fd);
	unlink(name);
}

/* A string of n copies of c, with the given tail appended; the result lives until the next call. */
static char *repeat(char c, size_t n, const char *tail)
{
	static char *s;
	free(s);
	s = malloc(n + strlen(tail) + 1);
	if (!s)
		abort();
	memset(s, c, n);
	strcpy(s + n, tail);
	return s;
}

static const char *const texts[] = {
	"hello\tworld\n", "caf\xc3\xa9", "quote\"back\\slash", "\x1b[0m", "line1\r\nline2\f\v",
	"\001" "7", "\001" "8", "\0017" "7", "\177" "0", "\377" "1", "7\001", "\t0", "\n7",
	"<angle>", " spaced out ", "~}|{", "\x1f" "9",
};

static const size_t lengths[] = {
	0, 1, 2, 4, 5, 6, 31, 32, 33, 63, 64, 65, 99, 100, 101, 255, 256, 257, 299, 300, 301, 1000,
};

int main(void)
{
	unsigned char bytes[256];

	for (int b = 0; b < 256; b++) {
		bytes[0] = (unsigned char) b;
		buf_case(bytes, 1);
		static const char digits[] = "0789";
		for (const char *d = digits; *d; d++) {
			bytes[1] = (unsigned char) *d;
			buf_case(bytes, 2);
		}
	}
	for (int b = 0; b < 256; b++)
		bytes[b] = (unsigned char) b;
	buf_case(bytes, 256);
	for (int b = 0; b < 256; b++)
		bytes[b] = (unsigned char) (255 - b);
	buf_case(bytes, 256);
	buf_case("", 0);
	buf_case("ab\0cd", 5);
	buf_case("\0\0\0", 3);
	buf_case("ab\0" "7", 4);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		buf_case(texts[i], strlen(texts[i]));
		str_case(texts[i]);
	}
	for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
		char *s = repeat('a', lengths[i], "");
		buf_case(s, lengths[i]);
		str_case(s);
	}
	for (size_t k = 0; k <= 8; k++) {
		static const char *const tails[] = { "\001" "7b", "\n" "7b", "\377" "0", "\001" };
		for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
			char *s = repeat('a', k, tails[t]);
			buf_case(s, strlen(s));
			str_case(s);
		}
		for (size_t t = 0; t < 2; t++) {
			char *s = repeat('a', k + 28 + 2 * t, "\001" "7");
			buf_case(s, strlen(s));
			str_case(s);
		}
	}

	char one[2] = { 0, 0 };
	for (int b = 1; b < 256; b++) {
		one[0] = (char) b;
		path_case(one);
	}
	path_case("");
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		path_case(texts[i]);
	static const size_t path_lengths[] = { 4093, 4094, 4095, 4096, 4097, 5000 };
	for (size_t i = 0; i < sizeof path_lengths / sizeof *path_lengths; i++) {
		path_case(repeat('p', path_lengths[i], ""));
		if (path_lengths[i] >= 2)
			path_case(repeat('p', path_lengths[i] - 2, "\001" "7"));
	}

	static const char *const names[] = {
		"plain", "a<b>c", "q\"uo\\te", "nl\nline", "\001" "7", "tab\there", "\377\376 high",
		"sp ace", "x\177", "<<>>", "\033[1m",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		fdpath_case(names[i]);
	return 0;
}
