package io.jtrace.cli;

/**
 * The command line is wrong, or asks for something jtrace cannot do yet. strace prints the message
 * as {@code NAME: message}, then, when {@link #tryHelp()} is true, a second line
 * {@code Try 'NAME -h' for more information.}, and exits with status 1.
 */
public final class UsageException extends Exception {
    private final boolean tryHelp;

    /**
     * @param message the text after strace's {@code NAME: } prefix, worded as strace 6.1 words it
     * @param tryHelp whether strace follows this message with its {@code Try 'NAME -h'} line
     */
    public UsageException(String message, boolean tryHelp) {
        // The stack trace says nothing a user needs: the message is the whole report.
        super(message, null, false, false);
        this.tryHelp = tryHelp;
    }

    public boolean tryHelp() {
        return tryHelp;
    }
}
