package org.amdistill.frontend;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.amdistill.core.table.Matrix;

/**
 * Kaldi-compatible log mel filterbank features of a waveform (samples in 16-bit integer scale): frames cut as
 * Kaldi's ExtractWindow does (reflection at the edges when --snip-edges=false), dither, DC removal, raw log
 * energy, pre-emphasis, window, power spectrum (Kaldi's own FFT in float, {@link KaldiFft}), mel filterbank, log.
 *
 * <p>One code path for whole utterances and for streams: {@link #stream} takes samples in chunks of any size and
 * gives each frame as soon as its window is complete (the last ones on {@link Stream#finish()} when
 * --snip-edges=false, since they reflect the end); {@link #compute} is one chunk then finish, so both give the same
 * frames bit for bit. An Fbank holds only immutable tables and can be shared by threads; each stream has its own
 * buffers.
 */
public final class Fbank {
    private static final float FLT_EPSILON = 1.1920929e-07f;

    private final FbankOptions opts;
    private final FrameExtractionOptions frame;
    private final float[] window;
    private final MelBanks melBanks;
    private final KaldiFft fft;
    private final float logEnergyFloor;
    private final int length;
    private final int padded;

    public Fbank(FbankOptions opts) {
        this.opts = opts;
        this.frame = opts.frame;
        frame.validate();
        this.window = windowFunction(frame);
        this.melBanks = new MelBanks(opts.mel, frame);
        this.padded = frame.paddedWindowSize();
        this.fft = new KaldiFft(padded);
        this.logEnergyFloor = opts.energyFloor > 0 ? (float) Math.log(opts.energyFloor) : 0;
        this.length = frame.windowSize();
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
            double v =
                    switch (f.windowType) {
                        case "hanning" -> 0.5 - 0.5 * Math.cos(a * i);
                        case "sine" -> Math.sin(0.5 * a * i);
                        case "hamming" -> 0.54 - 0.46 * Math.cos(a * i);
                        case "povey" -> Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
                        case "rectangular" -> 1.0;
                        case "blackman" -> f.blackmanCoeff
                                - 0.5 * Math.cos(a * i)
                                + (0.5 - f.blackmanCoeff) * Math.cos(2 * a * i);
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
        Stream s = new Stream(rng, frame.numFrames(wave.length));
        s.accept(wave, 0, wave.length);
        s.finish();
        return s.takeFrames();
    }

    /** A stream of one utterance's samples in, frames out; {@code rng} as for {@link #compute}. */
    public Stream stream(RandomGenerator rng) {
        return new Stream(rng, 64);
    }

    /**
     * One utterance fed in chunks ({@link #accept}, any size, zero included), then {@link #finish}. Frames are
     * computed as soon as the samples they need have arrived; {@link #takeFrames} hands over those not yet taken.
     * Only the samples that later frames need are kept (a window's worth). Not thread-safe.
     */
    public final class Stream {
        private final RandomGenerator rng;
        private final float[] buf = new float[padded];
        private final float[] power = new float[padded / 2 + 1];
        private final float[][] scratch = fft.newScratch();
        private float[] kept = new float[Math.max(16, 2 * length)];
        private long keptStart; // global index of kept[0]
        private int keptLen;
        private long received;
        private int framesDone;
        private float[] out;
        private int outRows; // rows in out not yet taken
        private boolean finished;

        private Stream(RandomGenerator rng, int capacityFrames) {
            this.rng = rng;
            this.out = new float[Math.max(1, capacityFrames) * dim()];
        }

        /** Frames computed so far (taken or not). */
        public int framesDone() {
            return framesDone;
        }

        /** Samples {@code x[off..off+len)} follow the ones already given. */
        public void accept(float[] x, int off, int len) {
            if (finished) {
                throw new IllegalStateException("stream already finished");
            }
            Objects.checkFromIndexSize(off, len, x.length);
            long avail = received + len;
            while (true) {
                long start = frame.firstSampleOfFrame(framesDone);
                if (start + length > avail) {
                    break;
                }
                if (start >= keptStart) {
                    copyWindow(start, x, off);
                } else {
                    reflectWindow(start, avail, x, off); // only when --snip-edges=false, before sample 0
                }
                computeFrame();
            }
            // keep the samples from the next frame's first (sample 0 while it starts before it) to the end
            long keepFrom = Math.min(Math.max(0, frame.firstSampleOfFrame(framesDone)), avail);
            int n = (int) (avail - keepFrom);
            float[] dst = n <= kept.length ? kept : new float[Math.max(n, 2 * kept.length)];
            int fromKept = (int) Math.max(0, Math.min(keptStart + keptLen - keepFrom, n));
            if (fromKept > 0) {
                System.arraycopy(kept, (int) (keepFrom - keptStart), dst, 0, fromKept);
            }
            if (n > fromKept) {
                System.arraycopy(x, off + (int) (keepFrom + fromKept - received), dst, fromKept, n - fromKept);
            }
            kept = dst;
            keptStart = keepFrom;
            keptLen = n;
            received = avail;
        }

        /** No more samples: the frames that reflect the end (--snip-edges=false) are computed now. */
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            int total = frame.numFrames(received);
            while (framesDone < total) {
                reflectWindow(frame.firstSampleOfFrame(framesDone), received, null, 0);
                computeFrame();
            }
        }

        /** The frames computed and not yet taken, one row each (possibly none). */
        public Matrix takeFrames() {
            int d = dim();
            Matrix m;
            if (outRows * d == out.length && outRows > 0) {
                m = new Matrix(outRows, d, out);
                out = new float[d]; // grows as frames come
            } else {
                m = new Matrix(outRows, outRows == 0 ? 0 : d, Arrays.copyOf(out, outRows * d));
            }
            outRows = 0;
            return m;
        }

        /** buf[0..length) = samples [start, start+length), all in kept followed by x[off..]. */
        private void copyWindow(long start, float[] x, int off) {
            long keptEnd = keptStart + keptLen;
            int fromKept = (int) Math.max(0, Math.min(keptEnd - start, length));
            if (fromKept > 0) {
                System.arraycopy(kept, (int) (start - keptStart), buf, 0, fromKept);
            }
            if (fromKept < length) {
                System.arraycopy(x, off + (int) (start + fromKept - received), buf, fromKept, length - fromKept);
            }
        }

        /** Kaldi's ExtractWindow with reflection at both ends of a signal of {@code total} samples. */
        private void reflectWindow(long start, long total, float[] x, int off) {
            for (int s = 0; s < length; s++) {
                long i = start + s;
                while (i < 0 || i >= total) {
                    i = i < 0 ? -i - 1 : 2 * total - 1 - i;
                }
                buf[s] = i < keptStart + keptLen ? kept[(int) (i - keptStart)] : x[off + (int) (i - received)];
            }
        }

        private void computeFrame() {
            int d = dim();
            if ((outRows + 1) * d > out.length) {
                out = Arrays.copyOf(out, Math.max(2 * out.length, (outRows + 1) * d));
            }
            Fbank.this.computeFrame(buf, power, scratch, rng, out, outRows * d);
            outRows++;
            framesDone++;
        }
    }

    /** The features of one frame whose raw samples are in {@code buf[0..windowSize)}, into {@code o[row..]}. */
    private void computeFrame(float[] buf, float[] power, float[][] scratch, RandomGenerator rng, float[] o, int row) {
        Arrays.fill(buf, length, padded, 0f);
        if (frame.dither != 0) {
            for (int i = 0; i < length; i++) {
                buf[i] += (float) rng.nextGaussian() * frame.dither;
            }
        }
        if (frame.removeDcOffset) {
            removeDcOffset(buf);
        }
        float rawLogEnergy = 0;
        if (opts.useEnergy && opts.rawEnergy) {
            rawLogEnergy = logEnergy(buf);
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
            rawLogEnergy = logEnergy(buf);
        }
        fft.powerSpectrum(buf, scratch, power); // Kaldi's FFT and ComputePowerSpectrum, in float
        int half = padded / 2;
        if (!opts.usePower) {
            for (int i = 0; i <= half; i++) {
                power[i] = (float) Math.sqrt(power[i]);
            }
        }
        int melOffset = opts.useEnergy && !opts.htkCompat ? 1 : 0; // energy first, or last with --htk-compat
        melBanks.apply(power, o, row + melOffset);
        if (opts.useLogFbank) {
            for (int b = 0, nb = melBanks.numBins(); b < nb; b++) {
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

    /** Subtracts the frame's mean from its {@code length} samples. */
    private void removeDcOffset(float[] buf) {
        // four running sums (in double, as exact as one for a frame's 400 samples) to break the add chain
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i4 = length & ~3;
        for (int i = 0; i < i4; i += 4) {
            s0 += buf[i];
            s1 += buf[i + 1];
            s2 += buf[i + 2];
            s3 += buf[i + 3];
        }
        for (int i = i4; i < length; i++) {
            s0 += buf[i];
        }
        float mean = (float) ((s0 + s1 + s2 + s3) / length);
        for (int i = 0; i < length; i++) {
            buf[i] -= mean;
        }
    }

    private float logEnergy(float[] buf) {
        double e = 0;
        for (int i = 0; i < length; i++) {
            e += (double) buf[i] * buf[i];
        }
        return (float) Math.log(Math.max(e, FLT_EPSILON));
    }
}
