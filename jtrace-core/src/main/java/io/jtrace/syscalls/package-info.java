/**
 * The tables jtrace decodes with, as data: system calls by number with how strace prints each
 * argument and result ({@link io.jtrace.syscalls.SyscallTable}), errno names
 * ({@link io.jtrace.syscalls.Errno}), signal names ({@link io.jtrace.syscalls.Signals}) and named
 * constants ({@link io.jtrace.syscalls.Xlat}).
 */
package io.jtrace.syscalls;
