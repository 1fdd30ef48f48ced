package org.amdistill.frontend.bin;

import java.util.Map;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.DoubleMatrix;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.RandomAccessReader;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.TableWriter;
import org.amdistill.frontend.Cmvn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kaldi's compute-cmvn-stats: per-utterance, or per-speaker with --spk2utt, mean/variance statistics. */
@Command(
        name = "compute-cmvn-stats",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Compute cepstral mean and variance normalization statistics, per utterance or per speaker (--spk2utt): compute-cmvn-stats [options] <feats-rspecifier> <stats-wspecifier>")
public final class ComputeCmvnStats implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeCmvnStats.class);

    @Option(names = "--spk2utt", description = "rspecifier for speaker to utterance-list map")
    String spk2utt;

    @Parameters(index = "0", paramLabel = "<feats-rspecifier>")
    String feats;

    @Parameters(index = "1", paramLabel = "<stats-wspecifier>")
    String stats;

    @Override
    public Integer call() {
        int done = 0;
        int failed = 0;
        try (TableWriter<DoubleMatrix> out = TableWriter.openAtomic(stats, Codecs.DOUBLE_MATRIX)) {
            if (spk2utt == null) {
                try (SequentialReader<Matrix> in = SequentialReader.open(feats, Codecs.MATRIX)) {
                    for (Entry<Matrix> e : in) {
                        try {
                            out.write(e.key(), Cmvn.stats(e.value()));
                            done++;
                        } catch (AmdException ex) {
                            LOG.warn("{}", ex.getMessage());
                            failed++;
                        }
                    }
                }
            } else {
                try (RandomAccessReader<Matrix> in = RandomAccessReader.open(feats, Codecs.MATRIX)) {
                    for (Map.Entry<String, String> spk :
                            ScpFile.readMap(spk2utt).entrySet()) {
                        DoubleMatrix acc = null;
                        for (String utt : spk.getValue().split("\\s+")) {
                            if (!in.contains(utt)) {
                                LOG.warn("Did not find features for utterance {} (speaker {})", utt, spk.getKey());
                                failed++;
                                continue;
                            }
                            Matrix m = in.get(utt);
                            if (acc == null) {
                                acc = Cmvn.newStats(m.cols());
                            }
                            Cmvn.accumulate(m, acc);
                            done++;
                        }
                        if (acc != null) {
                            out.write(spk.getKey(), acc);
                        }
                    }
                }
            }
            out.commit();
        }
        LOG.info("Done accumulating CMVN stats for {} utterances; {} had errors.", done, failed);
        return failed == 0 ? 0 : 1;
    }
}
