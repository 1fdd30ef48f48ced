package org.amdistill.corpora.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Language-model training text over a large vocabulary, made up: a share of the task grammar's sentences
 * ({@link Task#draw}) mixed with sentences of a first-order Markov chain over the whole lexicon. The chain gives
 * n-gram statistics of the kind real text has (a Zipf unigram, each word with a few favourite successors, so that
 * bigrams and trigrams recur and count cut-offs have something to keep), which is what the size and the speed of a
 * large-vocabulary search depend on; it has no meaning. Deterministic for a seed.
 *
 * <p>The chain: the words are ranked in a seeded random order and drawn with P(rank r) proportional to
 * 1/(r+1)^zipf. After word v, with probability {@code --successor-share} the next word is one of v's
 * {@code --successors} favourites (the k-th chosen with P proportional to 1/(k+1), the favourites themselves drawn
 * from the Zipf unigram by a hash of (v, k), so they are fixed per word), otherwise a fresh Zipf draw.
 */
@Command(
        name = "synth-lm-text",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Make LM training text (Kaldi text) over a lexicon's words: task-grammar sentences mixed with a"
                + " Zipf Markov chain's: synth-lm-text [options] <lexicon.txt> <out-text>")
public final class SynthLmText implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SynthLmText.class);

    @Option(names = "--task", description = "digits | sentences: the grammar of the task sentences")
    Task task = Task.SENTENCES;

    @Option(names = "--num-sentences", description = "Sentences in all")
    int numSentences = 1_000_000;

    @Option(names = "--task-share", description = "Share of the sentences drawn from the task grammar")
    double taskShare = 0.1;

    @Option(names = "--zipf", description = "Exponent of the Zipf unigram of the Markov chain")
    double zipf = 1.0;

    @Option(names = "--successors", description = "Favourite successors of each word in the Markov chain")
    int successors = 20;

    @Option(names = "--successor-share", description = "Probability that the chain's next word is a favourite")
    double successorShare = 0.5;

    @Option(names = "--min-length", description = "Fewest words of a Markov-chain sentence")
    int minLength = 4;

    @Option(names = "--max-length", description = "Most words of a Markov-chain sentence")
    int maxLength = 16;

    @Option(names = "--seed", description = "Random seed")
    long seed = 1;

    @Parameters(
            index = "0",
            paramLabel = "<lexicon.txt>",
            description = "Kaldi lexicon (word, phones); <...> entries are left out")
    Path lexicon;

    @Parameters(index = "1", paramLabel = "<out-text>", description = "Kaldi text file (ids lm-000000001, ...)")
    Path out;

    @Override
    public Integer call() throws Exception {
        check(numSentences > 0, "--num-sentences=" + numSentences + ": must be positive");
        check(taskShare >= 0 && taskShare <= 1, "--task-share=" + taskShare + ": must be in [0, 1]");
        check(
                successorShare >= 0 && successorShare <= 1,
                "--successor-share=" + successorShare + ": must be in [0, 1]");
        check(zipf >= 0, "--zipf=" + zipf + ": must be non-negative");
        check(successors > 0, "--successors=" + successors + ": must be positive");
        check(minLength >= 1 && maxLength >= minLength, "--min-length/--max-length: need 1 <= min <= max");
        List<String> words = readWords(lexicon);
        Chain chain = new Chain(words, zipf, successors, successorShare, seed);
        Random rng = new Random(seed * 7919 + 17);
        long tokens = 0;
        int fromTask = 0;
        Path tmp = AtomicFiles.tempBeside(out);
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < numSentences; i++) {
                sb.setLength(0);
                sb.append(String.format(Locale.ROOT, "lm-%09d", i + 1));
                if (rng.nextDouble() < taskShare) {
                    String s = task.draw(rng);
                    sb.append(' ').append(s);
                    tokens += s.split(" ").length;
                    fromTask++;
                } else {
                    int n = minLength + rng.nextInt(maxLength - minLength + 1);
                    int prev = -1;
                    for (int k = 0; k < n; k++) {
                        prev = chain.next(prev, rng);
                        sb.append(' ').append(words.get(prev));
                    }
                    tokens += n;
                }
                w.write(sb.append('\n').toString());
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(
                "Wrote {}: {} sentences ({} from the {} grammar), {} words over a vocabulary of {}",
                out,
                numSentences,
                fromTask,
                task.name().toLowerCase(Locale.ROOT),
                tokens,
                words.size());
        return 0;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AmdException(message);
        }
    }

    /** The lexicon's words in file order, each once; entries such as {@code <sil>} and {@code <unk>} are not words. */
    static List<String> readWords(Path lexicon) throws IOException {
        if (!Files.isRegularFile(lexicon)) {
            throw new AmdException("lexicon " + lexicon + " does not exist");
        }
        LinkedHashSet<String> words = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(lexicon, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length < 2) {
                throw new AmdException(lexicon + ":" + (i + 1) + ": a word without phones: '" + l + "'");
            }
            if (!f[0].startsWith("<")) {
                words.add(f[0]);
            }
        }
        if (words.isEmpty()) {
            throw new AmdException(lexicon + ": no words");
        }
        return new ArrayList<>(words);
    }

    /** The Markov chain over word indices (see the class comment). */
    static final class Chain {
        final int[] byRank; // rank -> word index
        final double[] cumulative; // rank -> P(rank <= r)
        final double[] succCumulative; // k -> P(favourite <= k)
        final double successorShare;
        final long salt;

        Chain(List<String> words, double zipf, int successors, double successorShare, long seed) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed));
            byRank = order.stream().mapToInt(Integer::intValue).toArray();
            cumulative = cumulative(words.size(), zipf);
            succCumulative = cumulative(successors, 1.0);
            this.successorShare = successorShare;
            this.salt = seed * 0x9E3779B97F4A7C15L;
        }

        static double[] cumulative(int n, double s) {
            double[] c = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += Math.pow(r + 1, -s);
                c[r] = sum;
            }
            for (int r = 0; r < n; r++) {
                c[r] /= sum;
            }
            return c;
        }

        static int draw(double[] cumulative, double u) {
            int i = java.util.Arrays.binarySearch(cumulative, u);
            int r = i >= 0 ? i : -i - 1;
            return Math.min(r, cumulative.length - 1);
        }

        /** The word after {@code prev} (-1: at a sentence's start). */
        int next(int prev, Random rng) {
            if (prev >= 0 && rng.nextDouble() < successorShare) {
                int k = draw(succCumulative, rng.nextDouble());
                return byRank[draw(cumulative, hashUniform(prev, k))];
            }
            return byRank[draw(cumulative, rng.nextDouble())];
        }

        /** A uniform number in [0, 1) fixed by (word, k): the k-th favourite successor of the word. */
        double hashUniform(int word, int k) {
            long x = salt ^ ((long) word << 20) ^ k;
            x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
            x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
            x ^= x >>> 33;
            return (x >>> 11) * 0x1.0p-53;
        }
    }
}
