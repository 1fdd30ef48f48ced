package org.amdistill.decoding.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.Utf8Lines;
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

    @Option(
            names = "--min-counts",
            split = ",",
            description = "count cut-offs (SRILM's -gt2min,-gt3min): the minimum count of a kept 2-gram, 3-gram;"
                    + " below it an n-gram is left to the back-off (the weights are renormalised). Default: keep all."
                    + " Text of millions of sentences needs them: most of its trigrams are seen once")
    List<Integer> minCounts = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "<text>", description = "Kaldi text file (utterance id, then words)")
    String text;

    @Parameters(index = "1", paramLabel = "<out.arpa>")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (order < 1 || order > NgramLm.MAX_ORDER) {
            throw new AmdException("--order=" + order + ": must be 1 to " + NgramLm.MAX_ORDER);
        }
        Set<String> extra = new LinkedHashSet<>();
        if (vocab != null) {
            for (ScpFile.ScpLine l : ScpFile.read(vocab.toString(), false)) {
                String w = l.key();
                if (!w.equals("<eps>") && !w.matches("#\\d+") && !w.equals(NgramLm.BOS) && !w.equals(NgramLm.EOS)) {
                    extra.add(w);
                }
            }
        }
        for (int m : minCounts) {
            if (m < 1) {
                throw new AmdException("--min-counts=" + minCounts + ": counts must be 1 or more");
            }
        }
        if (minCounts.size() > order - 1) {
            throw new AmdException("--min-counts=" + minCounts + ": an order-" + order + " model has " + (order - 1)
                    + " orders above the unigrams to cut");
        }
        // the words as ids from the start: a text of tens of millions of words held as strings would take gigabytes
        NgramLm lm = WittenBell.vocabulary(order);
        List<int[]> sentences = readSentences(lm);
        for (String w : extra) {
            lm.addWord(w);
        }
        WittenBell.train(
                lm,
                sentences,
                order,
                minCounts.stream().mapToInt(Integer::intValue).toArray());
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
                "Trained an order-{} Witten-Bell LM on {} sentences{}: {}; wrote {}",
                order,
                sentences.size(),
                minCounts.isEmpty() ? "" : " (min counts " + minCounts + ")",
                counts,
                out);
        return 0;
    }

    /**
     * The text's sentences as word ids, the vocabulary grown in order of first appearance (the model's word order,
     * as before). A plain file is streamed; anything else (ark:, a pipe) goes through the table reader.
     */
    private List<int[]> readSentences(NgramLm lm) throws IOException {
        List<int[]> out = new ArrayList<>();
        Path file = Path.of(text);
        if (!Files.isRegularFile(file)) {
            for (List<String> s : Transcripts.read(text).values()) {
                out.add(ids(lm, s.toArray(new String[0]), 0));
            }
            return out;
        }
        Set<String> keys = new HashSet<>();
        try (Utf8Lines r = new Utf8Lines(Files.newInputStream(file), text)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.strip().split("\\s+");
                if (f[0].isEmpty()) {
                    continue;
                }
                if (!keys.add(f[0])) {
                    throw new AmdException(text + ":" + r.lineNumber() + ": duplicate utterance id '" + f[0] + "'");
                }
                out.add(ids(lm, f, 1));
            }
        }
        if (out.isEmpty()) {
            throw new AmdException(text + ": no sentences");
        }
        return out;
    }

    private static int[] ids(NgramLm lm, String[] words, int from) {
        int[] w = new int[words.length - from];
        for (int i = from; i < words.length; i++) {
            w[i - from] = lm.addWord(words[i]);
        }
        return w;
    }
}
