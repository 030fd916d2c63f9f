package io.jtrace.syscalls;

import java.util.Optional;

/**
 * The architectures a tracee's system call can come from, as the kernel names them in
 * {@code PTRACE_GET_SYSCALL_INFO} and seccomp data ({@code AUDIT_ARCH_*} in {@code linux/audit.h}).
 */
public enum AuditArch {
    /** 64-bit x86 ({@code AUDIT_ARCH_X86_64}), the only arch with a table so far. */
    X86_64(0xc000003e, "x86_64.tsv"),
    /** 32-bit x86 ({@code AUDIT_ARCH_I386}): an x86_64 process's calls through {@code int 0x80}. */
    I386(0x40000003, null),
    /** 64-bit Arm ({@code AUDIT_ARCH_AARCH64}). */
    AARCH64(0xc00000b7, null),
    /** A value none of the above has. */
    UNKNOWN(0, null);

    private final int value;
    private final String tableResource;

    AuditArch(int value, String tableResource) {
        this.value = value;
        this.tableResource = tableResource;
    }

    /** The kernel's {@code AUDIT_ARCH_*} value. */
    public int value() {
        return value;
    }

    /**
     * The name of this arch's syscall table, a resource beside this class, or empty when jtrace has
     * no table for it yet.
     */
    public Optional<String> tableResource() {
        return Optional.ofNullable(tableResource);
    }

    /** The arch with this {@code AUDIT_ARCH_*} value, {@link #UNKNOWN} when it is none of ours. */
    public static AuditArch of(int value) {
        // Asked at every stop: the common answer first, and no array or Optional made for it.
        if (value == X86_64.value) {
            return X86_64;
        }
        return fromValue(value).orElse(UNKNOWN);
    }

    /** The arch with this {@code AUDIT_ARCH_*} value, if it is one of ours. */
    public static Optional<AuditArch> fromValue(int value) {
        for (AuditArch arch : values()) {
            if (arch.value == value && arch != UNKNOWN) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }
}
