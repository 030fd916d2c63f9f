/** Kernel structures a tracee's state comes in: its registers and the siginfo of a signal. */
package io.jtrace.abi;
