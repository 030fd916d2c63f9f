/** The jtrace command: strace 6.1's options and output, built on the jtrace library's API alone. */
module io.jtrace.cli {
    requires io.jtrace;
    // sun.misc.Signal, for fatal signals when jtrace is started without its launcher script
    requires jdk.unsupported;
}
