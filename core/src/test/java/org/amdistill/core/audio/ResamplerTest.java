package org.amdistill.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ResamplerTest {
    static float[] tone(double hz, double rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Largest error against the ideal tone at the new rate, away from the edges (where the signal is cut). */
    static double maxErrorInside(float[] y, double hz, double rate, double amplitude) {
        int margin = (int) (0.01 * rate);
        double max = 0;
        for (int i = margin; i < y.length - margin; i++) {
            max = Math.max(max, Math.abs(y[i] - amplitude * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return max;
    }

    static double rmsInside(float[] y, double rate) {
        int margin = (int) (0.01 * rate);
        double s = 0;
        for (int i = margin; i < y.length - margin; i++) {
            s += y[i] * (double) y[i];
        }
        return Math.sqrt(s / (y.length - 2 * margin));
    }

    @Test
    void downsamplingKeepsThePassBandAndRemovesWhatWouldAlias() {
        float[] x = tone(1000, 44100, 44100, 10000);
        float[] y = Resampler.resample(x, 44100, 16000);
        assertEquals(16000, y.length);
        assertTrue(
                maxErrorInside(y, 1000, 16000, 10000) < 100,
                "1 kHz tone kept within 1 %: " + maxErrorInside(y, 1000, 16000, 10000));

        // 12 kHz is above the new Nyquist (8 kHz): without the low-pass it would alias to 4 kHz at full strength.
        float[] high = Resampler.resample(tone(12000, 48000, 48000, 10000), 48000, 16000);
        assertTrue(rmsInside(high, 16000) < 0.01 * 10000 / Math.sqrt(2), "alias rms " + rmsInside(high, 16000));
    }

    @Test
    void upsamplingInterpolatesBandLimitedSignals() {
        float[] x = tone(440, 8000, 8000, 5000);
        float[] y = Resampler.resample(x, 8000, 16000);
        assertEquals(16000, y.length);
        assertTrue(maxErrorInside(y, 440, 16000, 5000) < 50, "error " + maxErrorInside(y, 440, 16000, 5000));
        // The original samples sit on the output grid; the filter reproduces them closely.
        for (int i = 100; i < 7900; i += 37) {
            assertEquals(x[i], y[2 * i], 50);
        }
    }

    @Test
    void outputLengthIsKaldisCeilingAndOddRatesWork() {
        assertEquals(5, Resampler.numOutputSamples(10, 2, 1));
        assertEquals(6, Resampler.numOutputSamples(11, 2, 1));
        assertEquals(0, Resampler.numOutputSamples(0, 44100, 16000));
        assertEquals(3, Resampler.resample(new float[7], 22050, 8000).length); // ceil(7 * 8000 / 22050) = 3
        // A rate with a huge number of phases goes through the direct path and gives the same result.
        float[] x = tone(300, 16000, 1600, 1000);
        float[] viaPhases = Resampler.resample(x, 16000, 11025);
        float[] direct = Resampler.resample(x, 16000.0, 11025.001);
        assertEquals(viaPhases.length, direct.length);
        for (int i = 0; i < direct.length; i++) {
            assertEquals(viaPhases[i], direct[i], 0.5, "sample " + i);
        }
        float[] same = {1, 2, 3};
        assertArrayEquals(same, Resampler.resample(same, 16000, 16000));
        assertArrayEquals(same, Resampler.resample(same, 16000 * 1.1, 17600)); // 17600.000000000002: same rate
        // Speed perturbation's rates are integers up to rounding: the fast path, with the integer-rate result.
        assertArrayEquals(Resampler.resample(x, 17600, 16000), Resampler.resample(x, 16000 * 1.1, 16000));
    }

    @Test
    void aMinuteOf44kHzAudioIsResampledQuickly() {
        float[] x = tone(700, 44100, 44100 * 60, 1000); // one minute
        Resampler.resample(x, 44100, 16000);
        long t0 = System.nanoTime();
        float[] y = Resampler.resample(x, 44100, 16000);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(16000 * 60, y.length);
        // Measured about 0.1 s per minute here; 3 s would mean the per-phase weights were lost.
        assertTrue(s < 3, "one minute took " + s + " s");
    }

    static final class Holder {
        @CommandLine.Mixin
        AudioOptions audio = new AudioOptions();
    }

    private static AudioOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.audio;
    }

    @Test
    void optionsFollowKaldi() throws IOException {
        AudioData stereo8k = new AudioData(8000, new float[][] {tone(300, 8000, 800, 100), tone(500, 8000, 800, 100)});
        AudioOptions defaults = parse();
        assertEquals(-1, defaults.channel);
        assertSame(stereo8k.channel(0), defaults.samples(stereo8k, 8000, "utt"), "-1 takes channel 0 of stereo audio");
        assertSame(stereo8k.channel(1), parse("--channel=1").samples(stereo8k, 8000, "utt"));
        String bad = assertThrows(
                        IOException.class, () -> parse("--channel=2").samples(stereo8k, 8000, "utterance 'u1'"))
                .getMessage();
        assertTrue(bad.contains("utterance 'u1'") && bad.contains("2 channel"), bad);

        String up = assertThrows(IOException.class, () -> defaults.samples(stereo8k, 16000, "utterance 'u1'"))
                .getMessage();
        assertTrue(
                up.contains("utterance 'u1'") && up.contains("8000 vs. 16000") && up.contains("--allow-upsample"), up);
        AudioData mono16k = AudioData.mono(16000, tone(300, 16000, 1600, 100));
        String down = assertThrows(IOException.class, () -> defaults.samples(mono16k, 8000, "u"))
                .getMessage();
        assertTrue(down.contains("--allow-downsample"), down);

        assertEquals(1600, parse("--allow-upsample").samples(stereo8k, 16000, "u").length);
        assertEquals(800, parse("--allow-downsample=true").samples(mono16k, 8000, "u").length);
        assertThrows(IOException.class, () -> parse("--allow-downsample=false").samples(mono16k, 8000, "u"));
        AudioData r = parse("--allow-downsample").resampled(mono16k, 8000, "u");
        assertEquals(8000f, r.sampleRate());
    }
}
