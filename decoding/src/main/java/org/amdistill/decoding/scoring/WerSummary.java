package org.amdistill.decoding.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;

/**
 * Error counts over a set of utterances and their report in Kaldi's {@code compute-wer} format, to the character:
 * the percentages are computed in single precision as Kaldi's BaseFloat and printed like C++'s
 * {@code std::fixed} with precision 2 (the float's exact binary value, rounded half-even as glibc does).
 */
public final class WerSummary {
    /** How utterances of the reference that have no hypothesis are handled (Kaldi's --mode). */
    public enum Mode {
        PRESENT,
        ALL,
        STRICT
    }

    public int numWords;
    public int wordErrors;
    public int numSentences;
    public int sentenceErrors;
    public int insertions;
    public int deletions;
    public int substitutions;
    public int absentSentences;

    /** Thrown for --mode=strict when a reference utterance has no hypothesis (Kaldi exits with status 255). */
    public static final class MissingHypothesis extends AmdException {
        public MissingHypothesis(String key) {
            super("No hypothesis for key " + key + " and strict mode specifier.");
        }
    }

    /** Scores {@code hyp} against {@code ref} in reference order, as compute-wer does. */
    public static WerSummary score(Map<String, List<String>> ref, Map<String, List<String>> hyp, Mode mode) {
        WerSummary s = new WerSummary();
        for (Map.Entry<String, List<String>> e : ref.entrySet()) {
            List<String> h = hyp.get(e.getKey());
            if (h == null) {
                if (mode == Mode.STRICT) {
                    throw new MissingHypothesis(e.getKey());
                }
                s.absentSentences++;
                if (mode == Mode.PRESENT) {
                    continue;
                }
                h = List.of();
            }
            s.add(e.getValue(), h);
        }
        return s;
    }

    public void add(List<String> ref, List<String> hyp) {
        EditDistance.Counts c = EditDistance.counts(ref, hyp);
        numWords += ref.size();
        wordErrors += c.errors();
        insertions += c.insertions();
        deletions += c.deletions();
        substitutions += c.substitutions();
        numSentences++;
        if (!ref.equals(hyp)) {
            sentenceErrors++;
        }
    }

    /**
     * This summary, if it has reference words to score; none (empty files, or no hypothesis present) is an error
     * rather than Kaldi's "%WER -nan" with exit 0. {@code what} names the reference and hypotheses.
     */
    public WerSummary requireWords(String what) {
        if (numWords == 0) {
            throw new AmdException(what + ": no reference words to score (" + numSentences + " sentences scored, "
                    + absentSentences + " without a hypothesis): the WER would be 0/0");
        }
        return this;
    }

    /** The WER as Kaldi computes it (a float). */
    public float wer() {
        return (float) (100.0 * (float) wordErrors / (float) numWords);
    }

    public float ser() {
        return (float) (100.0 * (float) sentenceErrors / (float) numSentences);
    }

    /** The three lines compute-wer prints. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("%WER " + fixed2(wer()) + " [ " + wordErrors + " / " + numWords + ", " + insertions + " ins, "
                + deletions + " del, " + substitutions + " sub ]" + (absentSentences != 0 ? " [PARTIAL]" : ""));
        out.add("%SER " + fixed2(ser()) + " [ " + sentenceErrors + " / " + numSentences + " ]");
        out.add("Scored " + numSentences + " sentences, " + absentSentences + " not present in hyp.");
        return out;
    }

    /** C++ {@code os << std::fixed << std::setprecision(2) << (double) f} with glibc's formatting. */
    static String fixed2(float f) {
        if (Float.isNaN(f)) {
            // 0/0 on x86 gives the default NaN, whose sign bit is set: glibc prints "-nan"
            return "-nan";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return new BigDecimal((double) f).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
