package org.amdistill.core.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The audio fixtures of {@link SphereAndFlacTest}, opened to tests in other packages (the corpus importers'). */
public final class AudioFixtures {
    private AudioFixtures() {}

    /** A TIMIT-style NIST SPHERE file (1024-byte header, 16 kHz, 16-bit little-endian PCM) of these samples. */
    public static byte[] timitSphere(int... samples) {
        return SphereAndFlacTest.timit(samples);
    }

    public static boolean hasSox() {
        return SphereAndFlacTest.hasSox();
    }

    /** Writes {@code a} as a 16-bit FLAC file (through a WAV file and sox, as SphereAndFlacTest makes its FLAC fixtures). */
    public static void writeFlac(AudioData a, Path flac) throws IOException, InterruptedException {
        Path wav = Files.createTempFile(flac.toAbsolutePath().getParent(), "fixture", ".wav");
        try {
            WavWriter.write(a, wav);
            SphereAndFlacTest.sox(wav.toString(), flac.toString());
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}
