package org.amdistill.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;

/** Kaldi's own outputs (testdata/kaldi, see its commands.txt) and helpers to compare ours with them. */
public final class KaldiReference {
    public static final Path DIR =
            Path.of("..", "testdata", "kaldi").toAbsolutePath().normalize();

    private KaldiReference() {}

    /** A copy of a reference wav.scp with absolute paths, so commands can run from any directory. */
    public static Path absoluteScp(String name, Path tmp) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(DIR.resolve(name))) {
            String[] kv = l.split("\\s+", 2);
            lines.add(kv[0] + " " + DIR.resolve(kv[1]));
        }
        Path out = tmp.resolve(name);
        Files.write(out, lines);
        return out;
    }

    public static Map<String, Matrix> read(String rspecifier) {
        Map<String, Matrix> m = new LinkedHashMap<>();
        try (SequentialReader<Matrix> r = SequentialReader.open(rspecifier, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                m.put(e.key(), e.value());
            }
        }
        return m;
    }

    /** Same keys, same shapes, every value within {@code tol}; returns the largest difference. */
    public static double assertClose(Map<String, Matrix> expected, Map<String, Matrix> actual, double tol) {
        assertEquals(expected.keySet(), actual.keySet());
        double worst = 0;
        for (String k : expected.keySet()) {
            Matrix e = expected.get(k);
            Matrix a = actual.get(k);
            assertEquals(e.rows(), a.rows(), k + ": number of frames");
            assertEquals(e.cols(), a.cols(), k + ": dimension");
            for (int i = 0; i < e.data().length; i++) {
                double d = Math.abs(e.data()[i] - a.data()[i]);
                worst = Math.max(worst, d);
                if (d > tol) {
                    assertTrue(
                            false,
                            k + " frame " + (i / e.cols()) + " dim " + (i % e.cols()) + ": Kaldi " + e.data()[i]
                                    + ", ours " + a.data()[i]);
                }
            }
        }
        return worst;
    }
}
