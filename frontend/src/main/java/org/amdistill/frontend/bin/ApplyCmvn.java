package org.amdistill.frontend.bin;

import java.io.IOException;
import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.DoubleMatrix;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.KaldiInput;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.Rxfilename;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.Cmvn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's apply-cmvn: per-utterance or per-speaker (--utt2spk) statistics, or one global statistics file. */
@Command(
        name = "apply-cmvn",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Apply cepstral mean and (optionally) variance normalization: apply-cmvn [options] (<cmvn-stats-rspecifier>|<cmvn-stats-rxfilename>) <feats-rspecifier> <feats-wspecifier>")
public final class ApplyCmvn implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyCmvn.class);

    @Option(names = "--utt2spk", description = "rspecifier for utterance to speaker map")
    String utt2spk;

    @Option(
            names = "--norm-vars",
            arity = "0..1",
            fallbackValue = "true",
            description = "If true, normalize variances.")
    boolean normVars = false;

    @Option(
            names = "--norm-means",
            arity = "0..1",
            fallbackValue = "true",
            description = "You can set this to false to turn off mean normalization.")
    boolean normMeans = true;

    @Parameters(index = "0", paramLabel = "<cmvn-stats>")
    String statsSpec;

    @Parameters(index = "1", paramLabel = "<feats-rspecifier>")
    String feats;

    @Parameters(index = "2", paramLabel = "<feats-wspecifier>")
    String out;

    @Override
    public Integer call() throws Exception {
        if (!normMeans && normVars) {
            throw new AmdException("you cannot normalize the variance but not the mean");
        }
        boolean table = statsSpec.matches("^(ark|scp)(,[a-z]+)*:.*");
        DoubleMatrix global = null;
        RandomAccessReader<DoubleMatrix> perKey = null;
        if (table) {
            perKey = RandomAccessReader.open(statsSpec, Codecs.DOUBLE_MATRIX);
        } else {
            global = readGlobalStats(statsSpec);
        }
        Map<String, String> spkOf = utt2spk == null ? null : ScpFile.readMap(utt2spk);
        int done = 0;
        int failed = 0;
        try (SequentialReader<Matrix> in = SequentialReader.open(feats, Codecs.MATRIX);
                TableWriter<Matrix> w = TableWriter.openAtomic(out, Codecs.MATRIX)) {
            for (Entry<Matrix> e : in) {
                String utt = e.key();
                try {
                    DoubleMatrix stats = global;
                    if (perKey != null) {
                        String key = spkOf == null ? utt : spkOf.get(utt);
                        if (key == null) {
                            throw new AmdException("utterance " + utt + " is not in the utt2spk map " + utt2spk);
                        }
                        if (!perKey.contains(key)) {
                            throw new AmdException("no CMVN statistics for "
                                    + (spkOf == null ? "utterance " : "speaker ") + key + " in " + statsSpec);
                        }
                        stats = perKey.get(key);
                    }
                    Matrix m = e.value();
                    Cmvn.apply(stats, normMeans, normVars, m);
                    w.write(utt, m);
                    done++;
                } catch (AmdException ex) {
                    LOG.warn("{}", ex.getMessage());
                    failed++;
                }
            }
            w.commit();
        } finally {
            if (perKey != null) {
                perKey.close();
            }
        }
        LOG.info(
                "Applied cepstral mean{} normalization to {} utterances, errors on {}",
                normVars ? " and variance" : "",
                done,
                failed);
        return failed == 0 && done > 0 ? 0 : 1;
    }

    /** One statistics matrix (an rxfilename, text or binary), applied to every utterance. */
    private static DoubleMatrix readGlobalStats(String rxfilename) throws IOException {
        try (KaldiInput in = Rxfilename.openKaldi(rxfilename)) {
            int[] p = in.peek2();
            boolean binary = p[0] == 0 && p[1] == 'B';
            if (binary) {
                in.read();
                in.read();
            }
            return Codecs.DOUBLE_MATRIX.read(in, binary);
        }
    }
}
