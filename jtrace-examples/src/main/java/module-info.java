/** Small programs built on the jtrace library alone; run one with {@code examples/run NAME ARGS...}. */
module io.jtrace.examples {
    requires io.jtrace;
}
