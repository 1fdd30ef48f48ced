package org.amdistill.core.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files of every format give an IOException naming the file, never another exception or a hang. */
class AudioFuzzTest {
    @TempDir
    Path dir;

    @Test
    void damagedFilesFailCleanly() throws Exception {
        float[] x = SphereAndFlacTest.signal(16000, 0.3);
        List<byte[]> originals = new ArrayList<>();
        originals.add(WavWriter.encode(new AudioData(16000, new float[][] {x, x})));
        originals.add(new WavBytes()
                .fmtExtensible(3, 1, 16000, 32)
                .data(new byte[400])
                .bytes());
        originals.add(SphereAndFlacTest.timit(1, 2, 3, 4, 5, 6, 7, 8));
        if (SphereAndFlacTest.hasSox()) {
            Path wav = dir.resolve("a.wav");
            WavWriter.write(new AudioData(16000, new float[][] {x, x}), wav);
            Path flac = dir.resolve("a.flac");
            SphereAndFlacTest.sox(wav.toString(), flac.toString());
            originals.add(Files.readAllBytes(flac));
        }
        Random r = new Random(2024);
        int failures = 0;
        for (byte[] original : originals) {
            for (int trial = 0; trial < 400; trial++) {
                byte[] b = original.clone();
                int kind = r.nextInt(3);
                if (kind == 0) { // a burst of random bytes, mostly in the header where it hurts most
                    int at = r.nextBoolean() ? r.nextInt(Math.min(b.length, 64)) : r.nextInt(b.length);
                    for (int i = at; i < Math.min(b.length, at + 1 + r.nextInt(8)); i++) {
                        b[i] = (byte) r.nextInt();
                    }
                } else if (kind == 1) {
                    b = Arrays.copyOf(b, r.nextInt(b.length));
                } else {
                    int bit = r.nextInt(8 * b.length);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                try {
                    AudioReader.read(b, "fuzz.bin");
                } catch (IOException e) {
                    failures++;
                    assertTrue(e.getMessage().startsWith("fuzz.bin: "), e.getMessage());
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail(
                            "trial " + trial + " of a " + new String(original, 0, 4, StandardCharsets.ISO_8859_1)
                                    + " file: " + e,
                            e);
                }
            }
        }
        assertTrue(failures > 100, "most damaged files are detected: " + failures);
    }
}
