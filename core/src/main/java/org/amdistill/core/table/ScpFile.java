package org.amdistill.core.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;

/**
 * Files of {@code key value...} lines: scp files, and the data-directory files that share their shape
 * ({@code wav.scp}, {@code text}, {@code utt2spk}, {@code segments}). Blank lines are skipped; a line with a key and
 * no value, where a value is required, is an error naming the file and line.
 */
public final class ScpFile {
    private ScpFile() {}

    /** One line: its key, the rest of the line (stripped; may be empty where allowed) and its 1-based number. */
    public record ScpLine(String key, String value, int lineNumber, String source) {
        /** "file:line", for error messages. */
        public String where() {
            return source + ":" + lineNumber;
        }
    }

    public static List<ScpLine> read(String rxfilename) {
        return read(rxfilename, true);
    }

    public static List<ScpLine> read(String rxfilename, boolean valueRequired) {
        List<ScpLine> lines = new ArrayList<>();
        try (InputStream in = Rxfilename.open(rxfilename);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                int sp = indexOfWhitespace(s);
                String key = sp < 0 ? s : s.substring(0, sp);
                String value = sp < 0 ? "" : s.substring(sp + 1).strip();
                if (valueRequired && value.isEmpty()) {
                    throw new AmdException(rxfilename + ":" + n + ": line has a key ('" + key + "') but no value");
                }
                lines.add(new ScpLine(key, value, n, rxfilename));
            }
        } catch (IOException e) {
            throw new AmdException("error reading " + rxfilename + ": " + e.getMessage());
        }
        return lines;
    }

    /**
     * A text table of strings ({@code utt2spk}, {@code spk2utt}) given as an rspecifier ({@code ark:utt2spk}) or a
     * plain file name, as key to the rest of the line, in file order; duplicate keys are an error.
     */
    public static Map<String, String> readMap(String rspecifierOrFile) {
        String file = rspecifierOrFile.matches("^(ark|scp)(,[a-z]+)*:.*")
                ? Specifier.parseRead(rspecifierOrFile).file()
                : rspecifierOrFile;
        Map<String, String> m = new LinkedHashMap<>();
        for (ScpLine l : read(file)) {
            if (m.put(l.key(), l.value()) != null) {
                throw new AmdException(l.where() + ": duplicate key '" + l.key() + "'");
            }
        }
        return m;
    }

    static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
