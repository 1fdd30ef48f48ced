package org.amdistill.decoding.lm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Transcripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains an interpolated Witten-Bell n-gram model from a Kaldi text file and writes it as ARPA. */
@Command(
        name = "train-lm",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Train a Witten-Bell n-gram LM (order 1-3) from a Kaldi text file: train-lm [options] <text> <out.arpa>")
public final class TrainLm implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TrainLm.class);

    @Option(names = "--order", description = "n-gram order (1 to 3)")
    int order = 3;

    @Option(
            names = "--vocab",
            description = "optional words.txt (symbol table) or word list: these words get probability even if unseen;"
                    + " <eps>, #N disambiguation symbols, <s> and </s> are left out")
    Path vocab;

    @Parameters(index = "0", paramLabel = "<text>", description = "Kaldi text file (utterance id, then words)")
    String text;

    @Parameters(index = "1", paramLabel = "<out.arpa>")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (order < 1 || order > NgramLm.MAX_ORDER) {
            throw new AmdException("--order=" + order + ": must be 1 to " + NgramLm.MAX_ORDER);
        }
        List<List<String>> sentences = new ArrayList<>(Transcripts.read(text).values());
        Set<String> extra = new LinkedHashSet<>();
        if (vocab != null) {
            for (ScpFile.ScpLine l : ScpFile.read(vocab.toString(), false)) {
                String w = l.key();
                if (!w.equals("<eps>") && !w.matches("#\\d+") && !w.equals(NgramLm.BOS) && !w.equals(NgramLm.EOS)) {
                    extra.add(w);
                }
            }
        }
        NgramLm lm = WittenBell.train(sentences, extra, order);
        Arpa.write(lm, out);
        StringBuilder counts = new StringBuilder();
        for (int n = 1; n <= order; n++) {
            counts.append(n == 1 ? "" : ", ")
                    .append(lm.count(n))
                    .append(' ')
                    .append(n)
                    .append("-grams");
        }
        LOG.info(
                "Trained an order-{} Witten-Bell LM on {} sentences: {}; wrote {}",
                order,
                sentences.size(),
                counts,
                out);
        return 0;
    }
}
