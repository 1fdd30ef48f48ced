package org.amdistill.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 0-frame utterance in an archive of compressed matrices, as Kaldi's {@code copy-feats --compress=true} writes it:
 * CompressedMatrix::Write with no data writes the token "CM " and a whole 20-byte GlobalHeader whose format field
 * Kaldi leaves uninitialised (any 4 bytes), then min = range = 0 and rows = cols = 0 (matrix/compressed-matrix.cc).
 */
class EmptyCompressedMatrixTest {
    private static final byte[] GARBAGE_FORMAT = {(byte) 0xde, (byte) 0xad, 0x7f, 0x01};

    private static byte[] kaldiEmpty(String key, byte[] format) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((key + " \0BCM ").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(format);
        b.writeBytes(new byte[16]);
        return b.toByteArray();
    }

    private static byte[] fm(String key, Matrix m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((key + " \0B").getBytes(StandardCharsets.US_ASCII));
        Codecs.MATRIX.write(b, m, true);
        return b.toByteArray();
    }

    private static Matrix ramp(int rows, int cols, float base) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = base + i;
        }
        return m;
    }

    /** The empty utterance first, in the middle, last, and alone. */
    @ParameterizedTest(name = "empty at {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void readsKaldisEmptyCompressedMatrixAnywhere(int where, @TempDir Path dir) throws IOException {
        List<String> keys = where < 0 ? List.of("only") : List.of("u1", "u2", "u3");
        ByteArrayOutputStream ark = new ByteArrayOutputStream();
        List<Matrix> expected = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (where < 0 || i == where) {
                ark.writeBytes(kaldiEmpty(keys.get(i), GARBAGE_FORMAT));
                expected.add(new Matrix(0, 0));
            } else {
                Matrix m = ramp(3 + i, 4, 10 * i);
                ark.writeBytes(fm(keys.get(i), m));
                expected.add(m);
            }
        }
        Path file = dir.resolve("feats.ark");
        Files.write(file, ark.toByteArray());
        List<String> gotKeys = new ArrayList<>();
        try (SequentialReader<Matrix> r = SequentialReader.open("ark:" + file, Codecs.MATRIX)) {
            int i = 0;
            for (Entry<Matrix> e : r) {
                gotKeys.add(e.key());
                assertEquals(expected.get(i).rows(), e.value().rows(), e.key());
                assertEquals(expected.get(i).cols(), e.value().cols(), e.key());
                assertArrayEquals(expected.get(i).data(), e.value().data(), e.key());
                i++;
            }
        }
        assertEquals(keys, gotKeys);
    }

    @ParameterizedTest(name = "--compress, empty at {0}")
    @ValueSource(ints = {0, 1, 2})
    void writesTheEmptyOneAsKaldiDoesAndReadsItBack(int where, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.ark");
        List<Matrix> in = new ArrayList<>();
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + file, Codecs.COMPRESSED_MATRIX)) {
            for (int i = 0; i < 3; i++) {
                Matrix m = i == where ? new Matrix(0, 0) : ramp(20, 5, i);
                in.add(m);
                w.write("utt" + i, m);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] empty = kaldiEmpty("utt" + where, new byte[4]);
        assertEquals(1, indexOf(bytes, empty) >= 0 ? 1 : 0, "Kaldi's 20-byte empty header after \"CM \"");
        try (SequentialReader<Matrix> r = SequentialReader.open("ark:" + file, Codecs.MATRIX)) {
            int i = 0;
            for (Entry<Matrix> e : r) {
                assertEquals("utt" + i, e.key());
                assertEquals(in.get(i).rows(), e.value().rows());
                i++;
            }
            assertEquals(3, i);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
