package org.amdistill.core.table;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.Utf8Lines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of {@code key value...} lines: scp files, and the data-directory files that share their shape
 * ({@code wav.scp}, {@code text}, {@code utt2spk}, {@code segments}). Blank lines are skipped; a line with a key and
 * no value, where a value is required, is an error naming the file and line.
 */
public final class ScpFile {
    private static final Logger LOG = LoggerFactory.getLogger(ScpFile.class);

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
        try (InputStream in = Rxfilename.open(rxfilename)) {
            return read(in, rxfilename, valueRequired);
        } catch (IOException e) {
            throw new AmdException("error reading " + rxfilename + ": " + e.getMessage());
        }
    }

    /** The lines of {@code in}, named {@code source} in errors; text that is not UTF-8 is an error naming its line. */
    static List<ScpLine> read(InputStream in, String source, boolean valueRequired) throws IOException {
        List<ScpLine> lines = new ArrayList<>();
        Utf8Lines r = new Utf8Lines(in, source);
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            int n = r.lineNumber();
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            int sp = indexOfWhitespace(s);
            String key = sp < 0 ? s : s.substring(0, sp);
            String value = sp < 0 ? "" : s.substring(sp + 1).strip();
            if (valueRequired && value.isEmpty()) {
                throw new AmdException(source + ":" + n + ": line has a key ('" + key + "') but no value");
            }
            lines.add(new ScpLine(key, value, n, source));
        }
        return lines;
    }

    /**
     * {@code lines}, after a warning for each key that an earlier line already had (Kaldi passes them silently; the
     * tables written from them then hold the key twice, which validate-data-dir rejects). Returns the number found.
     */
    public static int warnDuplicateKeys(List<ScpLine> lines) {
        Map<String, ScpLine> first = new HashMap<>();
        int duplicates = 0;
        for (ScpLine l : lines) {
            ScpLine before = first.putIfAbsent(l.key(), l);
            if (before != null) {
                duplicates++;
                LOG.warn(
                        "{}: duplicate key '{}' (also at line {}): it will be processed and written twice",
                        l.where(),
                        l.key(),
                        before.lineNumber());
            }
        }
        return duplicates;
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
