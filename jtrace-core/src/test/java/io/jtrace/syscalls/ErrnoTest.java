package io.jtrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    private static final List<Path> HEADERS = List.of(
            Path.of("/usr/include/asm-generic/errno-base.h"), Path.of("/usr/include/asm-generic/errno.h"));

    @Test
    void agreesWithTheInstalledKernelHeaders() throws IOException {
        int checked = 0;
        for (Path header : HEADERS) {
            Matcher m = Pattern.compile("(?m)^#define\\s+(E\\w+)\\s+(\\d+)\\b").matcher(Files.readString(header));
            while (m.find()) {
                int number = Integer.parseInt(m.group(2));
                Errno errno = Errno.byNumber(number).orElseThrow(() -> new AssertionError("no errno " + number));
                assertEquals(m.group(1), errno.name(), "name of errno " + number);
                assertTrue(errno.knownToStrace61(), errno.name());
                checked++;
            }
        }
        assertEquals(131, checked, "errno values defined by number in the headers");
    }

    @Test
    void messagesAreGlibcStrerror() {
        assertEquals("No such file or directory", Errno.byName("ENOENT").orElseThrow().message());
        assertEquals("Resource temporarily unavailable", Errno.byNumber(11).orElseThrow().message());
        assertEquals("Memory page has hardware error", Errno.byNumber(133).orElseThrow().message());
        assertEquals("Unknown error 515", Errno.byName("ENOIOCTLCMD").orElseThrow().message());
    }

    @Test
    void restartCodesCarryStracesOwnWords() {
        Errno restartSys = Errno.byNumber(512).orElseThrow();
        assertEquals("ERESTARTSYS", restartSys.name());
        assertEquals("To be restarted if SA_RESTART is set", restartSys.message());
        assertTrue(restartSys.isRestart());
        assertEquals("Interrupted by signal", Errno.byName("ERESTART_RESTARTBLOCK").orElseThrow().message());
        assertEquals(List.of(512, 513, 514, 516),
                Errno.all().stream().filter(Errno::isRestart).map(Errno::number).toList());
    }

    @Test
    void someKernelNamesAreUnknownToStrace61() {
        Errno noParam = Errno.byNumber(519).orElseThrow();
        assertEquals("ENOPARAM", noParam.name());
        assertFalse(noParam.knownToStrace61());
        assertTrue(Errno.byName("ENOTSUPP").orElseThrow().knownToStrace61());
        assertFalse(Errno.byName("ENOGRACE").orElseThrow().knownToStrace61());
    }

    @Test
    void unnamedValuesAreAbsent() {
        assertTrue(Errno.byNumber(0).isEmpty());
        assertTrue(Errno.byNumber(41).isEmpty());
        assertTrue(Errno.byNumber(58).isEmpty());
        assertTrue(Errno.byNumber(134).isEmpty());
        assertTrue(Errno.byNumber(520).isEmpty());
        assertTrue(Errno.byNumber(4095).isEmpty());
        assertTrue(Errno.byNumber(-2).isEmpty());
        assertTrue(Errno.byName("EWOULDBLOCK").isEmpty());
    }

    @Test
    void valuesOutsideTheErrnoRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Errno(0, "E0", true, ""));
        assertThrows(IllegalArgumentException.class, () -> new Errno(Errno.MAX_ERRNO + 1, "EBIG", true, ""));
    }
}
