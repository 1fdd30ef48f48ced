package org.amdistill.recognizer;

import java.nio.file.Path;
import org.amdistill.core.audio.Resampler;
import org.amdistill.core.cli.AmdException;
import org.amdistill.decoding.decoder.Decoder;
import org.amdistill.decoding.decoder.DecoderOptions;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.frontend.FrontEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A speech recogniser loaded from one package file ({@code package-recognizer}): audio in, words out.
 *
 * <pre>{@code
 * Recognizer r = Recognizer.load(Path.of("digits.rec"));
 * Transcript t = r.recognize(samples, 16000);          // a whole utterance
 * try (RecognizerStream s = r.stream()) {              // or as audio arrives
 *     s.accept(chunk);  s.partial();  ...
 *     Transcript last = s.finish();
 * }
 * }</pre>
 *
 * <p>Samples are in 16-bit integer scale (a full-scale sample is 32767, as Kaldi reads WAV files). Audio at another
 * rate than the model's is resampled (with a logged warning). Whole utterances go through a stream fed at once, so
 * both give the same words. One recogniser serves many streams, in parallel threads too (the network's passes
 * take turns).
 */
public final class Recognizer {
    private static final Logger LOG = LoggerFactory.getLogger(Recognizer.class);
    private final AcousticScorer scorer;
    private final DecodingGraph graph;
    private final NgramLm lm;
    private final DecoderOptions options;
    private final Path source;

    private Recognizer(AcousticScorer scorer, DecodingGraph graph, NgramLm lm, DecoderOptions options, Path source) {
        this.scorer = scorer;
        this.graph = graph;
        this.lm = lm;
        this.options = options;
        this.source = source;
        if (graph.maxPdf() >= scorer.numPdfs()) {
            throw new AmdException("recognizer package " + source + ": its graph uses pdf " + graph.maxPdf()
                    + " but the model scores " + scorer.numPdfs());
        }
    }

    public static Recognizer load(Path packageFile) {
        RecognizerPackage.Contents c = RecognizerPackage.read(packageFile);
        return new Recognizer(
                new AcousticScorer(c.members(), c.combination()), c.graph(), c.lm(), c.options(), packageFile);
    }

    /** The sample rate the model was trained at: streams take audio at this rate. */
    public int sampleRate() {
        return Math.round(frontEnd().fbank().frame.sampleFrequency);
    }

    public FrontEnd frontEnd() {
        return scorer.frontEnd();
    }

    /** Seconds per frame (the filterbank's shift): word times are multiples of it. */
    public double frameShiftSeconds() {
        return frontEnd().fbank().frame.frameShiftMs / 1000.0;
    }

    /** The decoding options the package was made with (beam, acoustic scale, LM weight, word insertion penalty). */
    public DecoderOptions options() {
        return options.copy();
    }

    public long numParams() {
        return scorer.numParams();
    }

    /** Recognises a whole utterance of {@code samples} at {@code sampleRate} Hz (resampled if not the model's). */
    public Transcript recognize(float[] samples, int sampleRate) {
        return recognize("utterance", samples, sampleRate);
    }

    /** As {@link #recognize(float[], int)}; {@code utterance} names it in messages and seeds the dither noise. */
    public Transcript recognize(String utterance, float[] samples, int sampleRate) {
        float[] x = samples;
        if (sampleRate != sampleRate()) {
            if (sampleRate <= 0) {
                throw new AmdException(utterance + ": sample rate must be positive, got " + sampleRate);
            }
            LOG.warn("{}: audio at {} Hz resampled to the model's {} Hz", utterance, sampleRate, sampleRate());
            x = Resampler.resample(samples, sampleRate, sampleRate());
        }
        try (RecognizerStream s = stream(utterance)) {
            s.accept(x);
            return s.finish();
        }
    }

    /** A stream of audio at {@link #sampleRate()}: feed it chunks, ask for partial results, finish it. */
    public RecognizerStream stream() {
        return stream("stream");
    }

    public RecognizerStream stream(String utterance) {
        return new RecognizerStream(scorer, new Decoder(graph, lm, options), utterance, frameShiftSeconds());
    }

    @Override
    public String toString() {
        return "Recognizer(" + source + ")";
    }
}
