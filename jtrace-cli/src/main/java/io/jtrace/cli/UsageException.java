package io.jtrace.cli;

/**
 * The command line is wrong, or asks for something jtrace cannot do yet. strace prints the message
 * as {@code NAME: message}, then, when {@link #tryHelp()} is true, a second line
 * {@code Try 'NAME -h' for more information.}, and exits with status 1.
 */
public final class UsageException extends Exception {
    private final boolean tryHelp;
    private final java.util.List<String> warningsBefore;

    /**
     * @param message the text after strace's {@code NAME: } prefix, worded as strace 6.1 words it
     * @param tryHelp whether strace follows this message with its {@code Try 'NAME -h'} line
     */
    public UsageException(String message, boolean tryHelp) {
        // The stack trace says nothing a user needs: the message is the whole report.
        this(message, tryHelp, java.util.List.of());
    }

    /**
     * @param message        as above
     * @param tryHelp        as above
     * @param warningsBefore the warnings strace prints before it comes to this error
     */
    public UsageException(String message, boolean tryHelp, java.util.List<String> warningsBefore) {
        super(message, null, false, false);
        this.tryHelp = tryHelp;
        this.warningsBefore = java.util.List.copyOf(warningsBefore);
    }

    /** The warnings printed before the message, as strace prints them before it finds the error. */
    public java.util.List<String> warningsBefore() {
        return warningsBefore;
    }

    public boolean tryHelp() {
        return tryHelp;
    }
}
