package org.amdistill.frontend;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.amdistill.core.table.Matrix;

/**
 * Kaldi-compatible log mel filterbank features of a waveform (samples in 16-bit integer scale): frames cut as
 * Kaldi's ExtractWindow does (reflection at the edges when --snip-edges=false), dither, DC removal, raw log
 * energy, pre-emphasis, window, power spectrum, mel filterbank, log. One instance per thread (it owns buffers).
 */
public final class Fbank {
    private static final float FLT_EPSILON = 1.1920929e-07f;

    private final FbankOptions opts;
    private final FrameExtractionOptions frame;
    private final float[] window;
    private final MelBanks melBanks;
    private final PowerSpectrum fft;
    private final float[] buf;
    private final double[] power;
    private final float logEnergyFloor;

    public Fbank(FbankOptions opts) {
        this.opts = opts;
        this.frame = opts.frame;
        frame.validate();
        this.window = windowFunction(frame);
        this.melBanks = new MelBanks(opts.mel, frame);
        int padded = frame.paddedWindowSize();
        this.fft = new PowerSpectrum(padded);
        this.buf = new float[padded];
        this.power = new double[padded / 2 + 1];
        this.logEnergyFloor = opts.energyFloor > 0 ? (float) Math.log(opts.energyFloor) : 0;
    }

    public int dim() {
        return opts.dim();
    }

    /** Kaldi's FeatureWindowFunction. */
    static float[] windowFunction(FrameExtractionOptions f) {
        int n = f.windowSize();
        float[] w = new float[n];
        double a = 2 * Math.PI / (n - 1);
        for (int i = 0; i < n; i++) {
            double v = switch (f.windowType) {
                case "hanning" -> 0.5 - 0.5 * Math.cos(a * i);
                case "sine" -> Math.sin(0.5 * a * i);
                case "hamming" -> 0.54 - 0.46 * Math.cos(a * i);
                case "povey" -> Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
                case "rectangular" -> 1.0;
                case "blackman" -> f.blackmanCoeff - 0.5 * Math.cos(a * i) + (0.5 - f.blackmanCoeff) * Math.cos(2 * a * i);
                default -> throw new IllegalArgumentException("invalid window type " + f.windowType);
            };
            w[i] = (float) v;
        }
        return w;
    }

    /**
     * Features of {@code wave}, one row per frame; {@code rng} supplies the dither noise (may be null when
     * --dither=0). A waveform too short for one frame gives an empty matrix, as in Kaldi.
     */
    public Matrix compute(float[] wave, RandomGenerator rng) {
        int numFrames = frame.numFrames(wave.length);
        int dim = dim();
        Matrix out = new Matrix(numFrames, numFrames == 0 ? 0 : dim);
        float[] o = out.data();
        int length = frame.windowSize();
        int padded = buf.length;
        boolean needRawEnergy = opts.useEnergy && opts.rawEnergy;
        int melOffset = opts.useEnergy && !opts.htkCompat ? 1 : 0; // energy first, or last with --htk-compat
        for (int f = 0; f < numFrames; f++) {
            long start = frame.firstSampleOfFrame(f);
            if (frame.snipEdges || (start >= 0 && start + length <= wave.length)) {
                System.arraycopy(wave, (int) start, buf, 0, length);
            } else {
                int dimWave = wave.length;
                for (int s = 0; s < length; s++) {
                    long i = start + s;
                    while (i < 0 || i >= dimWave) {
                        i = i < 0 ? -i - 1 : 2L * dimWave - 1 - i;
                    }
                    buf[s] = wave[(int) i];
                }
            }
            Arrays.fill(buf, length, padded, 0f);
            if (frame.dither != 0) {
                for (int i = 0; i < length; i++) {
                    buf[i] += (float) rng.nextGaussian() * frame.dither;
                }
            }
            if (frame.removeDcOffset) {
                double sum = 0;
                for (int i = 0; i < length; i++) {
                    sum += buf[i];
                }
                float mean = (float) (sum / length);
                for (int i = 0; i < length; i++) {
                    buf[i] -= mean;
                }
            }
            float rawLogEnergy = 0;
            if (needRawEnergy) {
                rawLogEnergy = logEnergy(length);
            }
            if (frame.preemphCoeff != 0) {
                float c = frame.preemphCoeff;
                for (int i = length - 1; i > 0; i--) {
                    buf[i] -= c * buf[i - 1];
                }
                buf[0] -= c * buf[0];
            }
            for (int i = 0; i < length; i++) {
                buf[i] *= window[i];
            }
            if (opts.useEnergy && !opts.rawEnergy) {
                rawLogEnergy = logEnergy(length);
            }
            fft.compute(buf, power);
            if (!opts.usePower) {
                for (int i = 0; i < power.length; i++) {
                    power[i] = Math.sqrt(power[i]);
                }
            }
            int row = f * dim;
            melBanks.apply(power, o, row + melOffset);
            if (opts.useLogFbank) {
                for (int b = 0; b < melBanks.numBins(); b++) {
                    int i = row + melOffset + b;
                    o[i] = (float) Math.log(Math.max(o[i], FLT_EPSILON));
                }
            }
            if (opts.useEnergy) {
                if (opts.energyFloor > 0 && rawLogEnergy < logEnergyFloor) {
                    rawLogEnergy = logEnergyFloor;
                }
                o[row + (opts.htkCompat ? melBanks.numBins() : 0)] = rawLogEnergy;
            }
        }
        return out;
    }

    private float logEnergy(int length) {
        double e = 0;
        for (int i = 0; i < length; i++) {
            e += (double) buf[i] * buf[i];
        }
        return (float) Math.log(Math.max(e, FLT_EPSILON));
    }
}
