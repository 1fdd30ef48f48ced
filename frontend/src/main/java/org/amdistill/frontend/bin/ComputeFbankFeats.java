package org.amdistill.frontend.bin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioOptions;
import org.amdistill.core.audio.WaveTable;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.Fbank;
import org.amdistill.frontend.FbankOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's compute-fbank-feats: log mel filterbank features of every utterance of a wav.scp. */
@Command(
        name = "compute-fbank-feats",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Create Mel-filter bank (FBANK) feature files: compute-fbank-feats [options...] <wav-rspecifier> <feats-wspecifier>")
public final class ComputeFbankFeats implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeFbankFeats.class);

    @Mixin
    FbankOptions fbank = new FbankOptions();

    @Mixin
    AudioOptions audio = new AudioOptions();

    @Option(
            names = "--segments",
            description = "amdistill: a Kaldi segments file cutting the recordings of wav.scp into utterances")
    String segments;

    @Option(
            names = "--compress",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, write features in Kaldi's compressed format")
    boolean compress = false;

    @Option(names = "--num-threads", description = "Utterances computed in parallel (output order is kept)")
    int numThreads = Workers.allCores();

    @Parameters(index = "0", paramLabel = "<wav-rspecifier>")
    String wavRspecifier;

    @Parameters(index = "1", paramLabel = "<feats-wspecifier>")
    String featsWspecifier;

    private final ThreadLocal<Fbank> computers = ThreadLocal.withInitial(() -> new Fbank(fbank));

    /** Dither noise seeded by (seed, utterance) so results do not depend on threads or order. */
    public static SplittableRandom ditherRng(long seed, String utt) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : utt.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return new SplittableRandom(h); // its nextGaussian (ziggurat) is several times faster than Random's
    }

    private record Job(String key, Future<Matrix> result) {}

    @Override
    public Integer call() throws Exception {
        try {
            fbank.frame.validate();
            new Fbank(fbank); // option errors before any output exists
        } catch (IllegalArgumentException e) {
            throw new AmdException(e.getMessage());
        }
        WaveTable wavs = WaveTable.open(wavRspecifier, segments);
        int done = 0;
        int failed = 0;
        Workers pool = Workers.start("compute-fbank-feats", Math.max(1, numThreads));
        Deque<Job> inFlight = new ArrayDeque<>();
        int window = Math.max(2, 4 * numThreads);
        try (TableWriter<Matrix> out =
                        TableWriter.openAtomic(featsWspecifier, compress ? Codecs.COMPRESSED_MATRIX : Codecs.MATRIX);
                Progress progress = new Progress("compute-fbank-feats", wavs.size())) {
            for (Entry<AudioData> e : wavs) {
                String key = e.key();
                inFlight.add(new Job(key, pool.submit(() -> {
                    AudioData a = e.value();
                    float[] x = audio.samples(a, fbank.frame.sampleFrequency, "utterance '" + key + "'");
                    return computers
                            .get()
                            .compute(x, fbank.frame.dither == 0 ? null : ditherRng(fbank.frame.seed, key));
                })));
                while (inFlight.size() >= window) {
                    if (writeNext(inFlight.poll(), out)) {
                        done++;
                    } else {
                        failed++;
                    }
                    progress.advance(1);
                }
            }
            while (!inFlight.isEmpty()) {
                if (writeNext(inFlight.poll(), out)) {
                    done++;
                } else {
                    failed++;
                }
                progress.advance(1);
            }
            out.commit();
        } finally {
            pool.close();
        }
        LOG.info("Done {} out of {} utterances.", done, done + failed);
        return failed == 0 ? 0 : 1;
    }

    private boolean writeNext(Job job, TableWriter<Matrix> out) throws InterruptedException {
        Matrix m;
        try {
            m = job.result.get();
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause();
            String msg = c.getMessage() == null ? c.toString() : c.getMessage();
            LOG.warn("Failed to compute features for utterance {}: {}", job.key, msg);
            return false;
        }
        if (m.rows() == 0) {
            LOG.warn("Utterance {} is too short for one frame: writing an empty matrix", job.key);
        }
        out.write(job.key, m);
        return true;
    }
}
