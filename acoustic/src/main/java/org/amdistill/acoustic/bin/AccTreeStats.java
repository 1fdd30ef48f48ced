package org.amdistill.acoustic.bin;

import java.nio.file.Path;
import java.util.Map;
import org.amdistill.acoustic.gmm.GmmAcousticModel;
import org.amdistill.acoustic.gmm.TriphoneTrainer;
import org.amdistill.acoustic.tree.TreeStats;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Kaldi's acc-tree-stats: triphone-context statistics of the GMM features over an alignment. */
@Command(
        name = "acc-tree-stats",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Accumulate tree statistics (count, sum, sum of squares per (left, phone, right, pdf class)) of a GMM model's features "
                        + "over its alignment: acc-tree-stats <model> <feats-rspecifier> <ali-rspecifier> <tree-accs-out>")
public final class AccTreeStats implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(AccTreeStats.class);

    @Parameters(
            index = "0",
            paramLabel = "<model>",
            description = "GMM model whose alignment it is (its features and pdfs)")
    Path model;

    @Parameters(
            index = "1",
            paramLabel = "<feats-rspecifier>",
            description = "Filterbank features, e.g. scp:data/train/feats.scp")
    String feats;

    @Parameters(
            index = "2",
            paramLabel = "<ali-rspecifier>",
            description = "Alignment (pdf ids), e.g. ark:exp/mono/ali.1.ark")
    String ali;

    @Parameters(index = "3", paramLabel = "<tree-accs-out>")
    Path out;

    @Override
    public Integer call() {
        GmmAcousticModel m = GmmAcousticModel.load(model);
        Map<String, int[]> alignments = ImportAliSupport.readAlignments(ali, m.inventory(), "model " + model);
        TreeStats stats = new TreeStats(m.features.dim());
        int used = 0;
        int skipped = 0;
        try (SequentialReader<Matrix> r = SequentialReader.open(feats, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                int[] a = alignments.get(e.key());
                Matrix f = m.features.compute(e.value());
                if (a == null || Math.abs(a.length - f.rows()) > 1) {
                    skipped++;
                    continue;
                }
                TriphoneTrainer.addUtterance(stats, m.inventory(), a, f);
                used++;
            }
        }
        if (used == 0) {
            throw new AmdException("no utterance of " + feats + " has an alignment of its length in " + ali);
        }
        stats.write(out);
        LOG.info(
                "Tree statistics of {} utterances ({} frames, {} contexts) written to {}; {} utterances without a matching alignment",
                used,
                (long) stats.totalCount(),
                stats.stats().size(),
                out,
                skipped);
        return 0;
    }
}
