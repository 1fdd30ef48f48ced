package org.amdistill.core.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.amdistill.core.cli.FuzzOutcomes;

/**
 * Coverage-guided fuzzing of the audio readers (WAV/RIFX, NIST SPHERE, FLAC, chosen by magic bytes) and of the
 * RIFF object delimiting of wave archives. Seeds, one or more of each format:
 * src/test/resources/org/amdistill/core/audio/AudioReaderFuzzTestInputs/audio.
 */
class AudioReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void audio(byte[] data) {
        FuzzOutcomes.resultOrProjectError(() -> AudioReader.read(data, "fuzz.wav"));
        FuzzOutcomes.resultOrProjectError(() -> AudioReader.readRiffObject(new ByteArrayInputStream(data), "fuzz.ark"));
    }
}
