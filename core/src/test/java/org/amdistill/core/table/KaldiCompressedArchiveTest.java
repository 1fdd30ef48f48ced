package org.amdistill.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive of compressed matrices that Kaldi's {@code copy-feats --compress=true} wrote for an input holding
 * 0-row matrices first, in the middle and last (testdata/kaldi/feats_with_empty*, commands in commands.txt): a
 * 88-row matrix (format 1, "CM") and a 4-row one (format 2, "CM2") between them.
 */
class KaldiCompressedArchiveTest {
    private static final List<String> KEYS = List.of("empty_first", "tone8k", "empty_middle", "short4", "empty_last");

    private static Map<String, Matrix> readAll(String rspec) {
        Map<String, Matrix> m = new LinkedHashMap<>();
        try (SequentialReader<Matrix> r = SequentialReader.open(rspec, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                m.put(e.key(), e.value());
            }
        }
        return m;
    }

    /** Kaldi's offsets of each entry's object ("\0B" then the token), from the scp it wrote with the archive. */
    private static Map<String, Integer> offsets() throws IOException {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String l : Files.readAllLines(TableIoTest.ref("feats_with_empty_cm.scp"))) {
            String[] kv = l.split(" ", 2);
            m.put(kv[0], Integer.parseInt(kv[1].substring(kv[1].lastIndexOf(':') + 1)));
        }
        return m;
    }

    @Test
    void readsTheArchiveKaldiWroteAsKaldiDecompressesIt() {
        Map<String, Matrix> ours = readAll("ark:" + TableIoTest.ref("feats_with_empty_cm.ark"));
        // Kaldi's decompression: each entry read on its own through the scp (Kaldi's own sequential reader takes
        // the 4 bytes an empty compressed matrix leaves into the next key), written as float matrices.
        Map<String, Matrix> kaldi = readAll("ark:" + TableIoTest.ref("feats_with_empty_cm_dec.ark"));
        assertEquals(KEYS, new ArrayList<>(ours.keySet()));
        assertEquals(KEYS, new ArrayList<>(kaldi.keySet()));
        for (String k : KEYS) {
            Matrix a = ours.get(k);
            Matrix b = kaldi.get(k);
            assertEquals(b.rows(), a.rows(), k);
            assertEquals(b.cols(), a.cols(), k);
            assertArrayEquals(b.data(), a.data(), k);
        }
        assertEquals(0, ours.get("empty_first").rows());
        assertEquals(88, ours.get("tone8k").rows());
        assertEquals(4, ours.get("short4").rows());
    }

    /** Kaldi's fbank40.ark compressed by Kaldi (format 1): our writer's bytes and our decoding are Kaldi's exactly. */
    @Test
    void speechFeaturesCompressAndDecompressAsInKaldi(@TempDir Path dir) throws IOException {
        Map<String, Matrix> in = readAll("ark:" + TableIoTest.ref("fbank40.ark"));
        Path file = dir.resolve("c.ark");
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + file, Codecs.COMPRESSED_MATRIX)) {
            for (Map.Entry<String, Matrix> e : in.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
        }
        assertArrayEquals(Files.readAllBytes(TableIoTest.ref("fbank40_cm.ark")), Files.readAllBytes(file));
        Map<String, Matrix> ours = readAll("ark:" + TableIoTest.ref("fbank40_cm.ark"));
        Map<String, Matrix> kaldi = readAll("ark:" + TableIoTest.ref("fbank40_cm_dec.ark"));
        assertEquals(in.keySet(), ours.keySet());
        assertEquals(in.keySet(), kaldi.keySet());
        for (String k : in.keySet()) {
            assertArrayEquals(kaldi.get(k).data(), ours.get(k).data(), k);
        }
    }

    @Test
    void ourCompressedWriterWritesKaldisBytes(@TempDir Path dir) throws IOException {
        Map<String, Matrix> in = readAll("ark:" + TableIoTest.ref("feats_with_empty.txt"));
        assertEquals(KEYS, new ArrayList<>(in.keySet()));
        Path file = dir.resolve("c.ark");
        try (TableWriter<Matrix> w = TableWriter.open("ark:" + file, Codecs.COMPRESSED_MATRIX)) {
            for (Map.Entry<String, Matrix> e : in.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
        }
        byte[] ours = Files.readAllBytes(file);
        byte[] kaldi = Files.readAllBytes(TableIoTest.ref("feats_with_empty_cm.ark"));
        assertEquals(kaldi.length, ours.length);
        // Kaldi leaves the format field of an empty matrix's header uninitialised (it wrote 0 for the first
        // and the bytes d0 02 0f 48 for the other two: stack contents); we write 0. Every other byte is equal.
        boolean[] undefined = new boolean[kaldi.length];
        Map<String, Integer> at = offsets();
        for (String k : List.of("empty_first", "empty_middle", "empty_last")) {
            int format = at.get(k) + "\0BCM ".length();
            for (int i = 0; i < 4; i++) {
                undefined[format + i] = true;
            }
            for (int i = 4; i < 20; i++) {
                assertEquals(0, kaldi[format + i], "Kaldi's empty header: min, range, rows, cols are 0");
            }
        }
        int compared = 0;
        for (int i = 0; i < kaldi.length; i++) {
            if (!undefined[i]) {
                assertEquals(kaldi[i], ours[i], "byte " + i);
                compared++;
            }
        }
        assertTrue(compared == kaldi.length - 12);
    }
}
