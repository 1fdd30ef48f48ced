package org.amdistill.acoustic.align;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The utterances of a data directory with features ({@code feats.scp}) and transcripts, ready to align. */
public final class UtteranceSet {
    private static final Logger LOG = LoggerFactory.getLogger(UtteranceSet.class);

    public record Item(String key, Matrix feats, AlignmentGraph graph) {}

    private UtteranceSet() {}

    /**
     * Reads features and builds each utterance's graph; an utterance without a transcript, with an out-of-lexicon
     * word or with unreadable features is skipped and listed in {@code skipped}.
     */
    public static List<Item> load(
            Path dataDir, LangDir lang, TransitionModel tm, UnaryOperator<Matrix> transform, List<String> skipped) {
        Path feats = dataDir.resolve("feats.scp");
        Path text = dataDir.resolve("text");
        if (!Files.exists(feats)) {
            throw new AmdException("data directory " + dataDir + " has no feats.scp (run compute-fbank-feats first)");
        }
        if (!Files.exists(text)) {
            throw new AmdException("data directory " + dataDir + " has no text");
        }
        Map<String, String> transcripts = ScpFile.readMap(text.toString());
        List<Item> items = new ArrayList<>();
        try (SequentialReader<Matrix> r = SequentialReader.open("scp:" + feats, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                String utt = e.key();
                try {
                    String words = transcripts.get(utt);
                    if (words == null) {
                        throw new AmdException("utterance " + utt + " has no transcript in " + text);
                    }
                    Matrix m = e.value();
                    checkFinite(m, utt);
                    AlignmentGraph g = AlignmentGraph.build(
                            AlignmentGraph.phoneSlots(words.split("\\s+"), lang.lexicon, lang.optionalSilence, utt),
                            tm,
                            lang.silProb);
                    items.add(new Item(utt, transform.apply(m), g));
                } catch (AmdException ex) {
                    LOG.warn("{}", ex.getMessage());
                    skipped.add(utt);
                }
            }
        }
        return items;
    }

    static void checkFinite(Matrix m, String utt) {
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new AmdException("utterance " + utt + ": feature frame " + (i / m.cols()) + " dimension "
                        + (i % m.cols()) + " is " + d[i]);
            }
        }
    }
}
