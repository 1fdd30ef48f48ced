package org.amdistill.recognizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Matrix;
import org.amdistill.decoding.decoder.Decoder;
import org.amdistill.frontend.Cmvn;
import org.amdistill.frontend.Fbank;
import org.amdistill.frontend.FrontEnd;
import org.amdistill.frontend.SlidingCmn;
import org.amdistill.frontend.bin.ComputeFbankFeats;

/**
 * One utterance recognised as its audio arrives: each chunk goes through the filterbank ({@link Fbank.Stream}, the
 * batch filterbank's own code path), the model's normalisation,
 * the network (a frame once its right context has arrived) and the search; {@link #partial()} is the best path so
 * far, {@link #finish()} the final words. A model normalised per utterance (CMVN {@code mean}, {@code mean_var}) needs
 * the whole utterance: its stream buffers the features and recognises at {@link #finish()} (partials stay empty);
 * a model with sliding or no CMVN gives results as the audio comes. Chunks of any size, zero included, give the same
 * result as the whole utterance at once. Not for several threads at once; after {@code finish()} a stream takes no
 * more audio.
 */
public final class RecognizerStream implements AutoCloseable {
    private final AcousticScorer scorer;
    private final Decoder decoder;
    private final String utterance;
    private final double frameShift;
    private final FrontEnd frontEnd;
    private final Fbank.Stream fbank;
    private final SlidingCmn sliding; // null unless the model's CMVN is the sliding window
    private final int dim;
    private final int left;
    private final int right;
    private float[] frames = new float[0]; // normalised frames (or raw, for per-utterance CMVN) base .. count-1
    private int base;
    private int count;
    private int scored; // frames given to the search
    private long samples;
    private boolean finished;
    private Transcript result;

    RecognizerStream(AcousticScorer scorer, Decoder decoder, String utterance, double frameShift) {
        this.scorer = scorer;
        this.decoder = decoder;
        this.utterance = utterance;
        this.frameShift = frameShift;
        this.frontEnd = scorer.frontEnd();
        var opts = frontEnd.fbank();
        Fbank computer = new Fbank(opts);
        this.fbank = computer.stream(
                opts.frame.dither == 0 ? null : ComputeFbankFeats.ditherRng(opts.frame.seed, utterance));
        this.dim = computer.dim();
        this.sliding = frontEnd.cmvn().mode() == Cmvn.Mode.SLIDING
                ? new SlidingCmn(frontEnd.cmvn().sliding(), dim)
                : null;
        this.left = frontEnd.splicer().left();
        this.right = frontEnd.splicer().right();
        decoder.begin(utterance);
    }

    public void accept(float[] chunk) {
        accept(chunk, 0, chunk.length);
    }

    /** Feeds samples (16-bit scale, the recogniser's rate); an empty chunk does nothing. */
    public void accept(float[] chunk, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("utterance " + utterance + ": audio given to a stream after finish()");
        }
        if (length == 0) {
            return;
        }
        samples += length;
        fbank.accept(chunk, offset, length);
        addFeatures(fbank.takeFrames());
        if (frontEnd.cmvn().online()) {
            score(false);
        }
    }

    /** The best path so far (words whose time and confidence may still change). */
    public Transcript partial() {
        if (finished) {
            return result;
        }
        return transcript(decoder.partial());
    }

    /** Ends the utterance: the remaining frames are scored and the final words returned (again on a second call). */
    public Transcript finish() {
        if (finished) {
            return result;
        }
        fbank.finish();
        addFeatures(fbank.takeFrames());
        if (sliding != null) {
            append(sliding.finish());
        } else if (!frontEnd.cmvn().online()) {
            Matrix all = new Matrix(count, dim, Arrays.copyOf(frames, count * dim));
            frames = frontEnd.cmvn().apply(all).data();
        }
        score(true);
        finished = true;
        result = transcript(decoder.finish());
        return result;
    }

    /** Seconds of audio given so far. */
    public double audioSeconds() {
        return samples / (double) frontEnd.fbank().frame.sampleFrequency;
    }

    private void addFeatures(Matrix m) {
        if (sliding == null) {
            List<float[]> rows = new ArrayList<>(m.rows());
            for (int t = 0; t < m.rows(); t++) {
                rows.add(m.row(t));
            }
            append(rows);
            return;
        }
        for (int t = 0; t < m.rows(); t++) {
            append(sliding.accept(m.row(t)));
        }
    }

    private void append(List<float[]> rows) {
        int have = count - base;
        if ((have + rows.size()) * dim > frames.length) {
            frames = Arrays.copyOf(frames, Math.max(frames.length * 2, (have + rows.size()) * dim));
        }
        for (float[] r : rows) {
            System.arraycopy(r, 0, frames, (count - base) * dim, dim);
            count++;
        }
    }

    /** Scores every frame whose right context is here (all of them at the end) and advances the search. */
    private void score(boolean atEnd) {
        int to = atEnd ? count : count - right;
        if (to <= scored) {
            return;
        }
        int lo = Math.max(base, Math.max(0, scored - left));
        int hi = atEnd ? count : Math.min(count, to + right);
        Matrix window = new Matrix(hi - lo, dim, Arrays.copyOfRange(frames, (lo - base) * dim, (hi - base) * dim));
        try {
            decoder.advance(scorer.logLikelihoods(window, scored - lo, to - lo));
        } catch (AmdException e) {
            throw new AmdException("utterance " + utterance + ": " + e.getMessage());
        }
        scored = to;
        // frames before the next one's left context are not needed again
        int keepFrom = Math.max(base, scored - left);
        if (keepFrom > base && !atEnd) {
            frames = Arrays.copyOfRange(
                    frames, (keepFrom - base) * dim, Math.max((keepFrom - base) * dim, frames.length));
            base = keepFrom;
        }
    }

    private Transcript transcript(Decoder.Result r) {
        List<Transcript.Word> words = new ArrayList<>();
        for (Decoder.Word w : r.timedWords()) {
            words.add(new Transcript.Word(w.word(), w.start() * frameShift, w.end() * frameShift, w.confidence()));
        }
        return new Transcript(words, r.reachedFinal(), audioSeconds());
    }

    /** Ends the stream without a result (after {@link #finish()}, nothing to do): it takes no more audio. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            result = new Transcript(List.of(), false, audioSeconds());
        }
    }
}
