package org.amdistill.corpora.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;
import org.amdistill.core.cli.Cli;

/** Running an importer and reading what it wrote. */
final class CorpusTestSupport {
    private CorpusTestSupport() {}

    record Run(int rc, String err) {}

    static Run run(Object command, String... args) {
        StringWriter err = new StringWriter();
        int rc = Cli.execute(command, new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        return new Run(rc, err.toString());
    }

    static void ok(Object command, String... args) {
        Run r = run(command, args);
        assertEquals(0, r.rc, r.err);
    }

    /** The lines of a Kaldi table file as key to rest of the line, in file order. */
    static Map<String, String> table(Path file) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : Files.readAllLines(file)) {
            int sp = l.indexOf(' ');
            m.put(sp < 0 ? l : l.substring(0, sp), sp < 0 ? "" : l.substring(sp + 1));
        }
        return m;
    }

    /** True when the keys are in C-locale (byte) order, as Kaldi requires. */
    static boolean sorted(Iterable<String> keys) {
        String prev = null;
        for (String k : keys) {
            if (prev != null && prev.compareTo(k) >= 0) {
                return false;
            }
            prev = k;
        }
        return true;
    }

    static AudioData readAudio(String path) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return AudioReader.read(in, path);
        }
    }

    static float[] floats(int[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = x[i];
        }
        return f;
    }

    static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }
}
