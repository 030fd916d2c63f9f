package io.jtrace.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tab-separated tables beside this package's classes: lines starting with {@code #}
 * and blank lines are skipped, every other line must have the expected number of columns.
 */
final class TsvResource {

    /** One data line, with its line number for error messages. */
    record Row(String resource, int lineNumber, List<String> columns) {

        String column(int index) {
            return columns.get(index);
        }

        int intColumn(int index) {
            try {
                return Integer.parseInt(columns.get(index));
            } catch (NumberFormatException e) {
                throw error("column " + (index + 1) + " is not a number: " + columns.get(index));
            }
        }

        boolean flagColumn(int index) {
            return switch (columns.get(index)) {
                case "1" -> true;
                case "0" -> false;
                default -> throw error("column " + (index + 1) + " is not 0 or 1: " + columns.get(index));
            };
        }

        IllegalStateException error(String message) {
            return new IllegalStateException(resource + ":" + lineNumber + ": " + message);
        }
    }

    private TsvResource() {
    }

    /** The data lines of {@code resource}, each split into exactly {@code columns} columns. */
    static List<Row> read(String resource, int columns) {
        InputStream in = TsvResource.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource + " beside " + TsvResource.class.getName());
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Row row = new Row(resource, lineNumber, List.of(line.split("\t", -1)));
                if (row.columns().size() != columns) {
                    throw row.error("expected " + columns + " tab-separated columns, found " + row.columns().size());
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        return rows;
    }
}
