package org.amdistill.decoding.scoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.stats.PairedBootstrap;
import org.amdistill.core.table.Transcripts;

/**
 * Two systems' hypotheses of the same references, compared as speech papers compare them: each system's WER as
 * compute-wer gives it, sclite's MAPSSWE and sign tests, and the paired bootstrap of the WER difference (B minus A:
 * negative when B makes fewer errors). Utterances are aligned as compute-wer aligns them ({@link EditDistance}).
 */
public final class SystemComparison {
    /** The hypotheses of both systems, checked against the reference, utterance by utterance in reference order. */
    public record Input(
            List<String> utterances, List<List<String>> refs, List<List<String>> hypsA, List<List<String>> hypsB) {}

    /** Everything compare-wer reports. {@code blockKind} is "speakers" or "utterances". */
    public record Result(
            WerSummary werA,
            WerSummary werB,
            MatchedPairs.Result mapsswe,
            SignTest.Result sign,
            String blockKind,
            PairedBootstrap.Difference bootstrap) {
        /** The lines compare-wer prints. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("A " + werA.lines().get(0));
            out.add("B " + werB.lines().get(0));
            out.add("MAPSSWE (B - A): " + mapsswe.segments() + " segments of " + mapsswe.sentences()
                    + " utterances, errors per segment A - B: mean " + fixed(mapsswe.mean(), 3) + ", sd "
                    + fixed(mapsswe.sd(), 3)
                    + ", Z " + fixed(mapsswe.z(), 3) + ", p " + fixed(mapsswe.p(), 3) + " (% errors in segments: A "
                    + fixed(mapsswe.percentErrorA(), 2) + ", B " + fixed(mapsswe.percentErrorB(), 2) + ")");
            out.add("SIGN (B - A): " + sign.blocks() + " " + blockKind + ", A worse in " + sign.aWorse()
                    + ", B worse in " + sign.bWorse() + ", equal in " + sign.ties() + ": p " + fixed(sign.p(), 3));
            out.add("BOOTSTRAP (B - A): WER difference " + fixed(bootstrap.value(), 2) + ", 95 % interval [ "
                    + fixed(bootstrap.lower(), 2) + ", " + fixed(bootstrap.upper(), 2) + " ], P(B better) "
                    + fixed(bootstrap.shareBelow(), 3) + ", P(A better) " + fixed(bootstrap.shareAbove(), 3) + " ("
                    + bootstrap.samples() + " samples, seed " + bootstrap.seed() + ")");
            return out;
        }
    }

    /** printf's %.Nf as glibc prints it (the double's exact binary value, rounded half-even), as sclite's reports. */
    public static String fixed(double v, int digits) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new java.math.BigDecimal(v)
                .setScale(digits, java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
        return (v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-") ? "-" + s : s;
    }

    private SystemComparison() {}

    /**
     * Checks that both hypothesis tables cover exactly the reference's utterances and lines them up in reference
     * order. {@code nameA}/{@code nameB} name the tables in errors.
     */
    public static Input match(
            Map<String, List<String>> ref,
            String refName,
            Map<String, List<String>> hypA,
            String nameA,
            Map<String, List<String>> hypB,
            String nameB) {
        if (ref.isEmpty()) {
            throw new AmdException(refName + ": the reference has no utterances");
        }
        requireSameUtterances(ref, refName, hypA, nameA);
        requireSameUtterances(ref, refName, hypB, nameB);
        List<String> utts = new ArrayList<>(ref.keySet());
        List<List<String>> r = new ArrayList<>();
        List<List<String>> a = new ArrayList<>();
        List<List<String>> b = new ArrayList<>();
        for (String u : utts) {
            r.add(ref.get(u));
            a.add(hypA.get(u));
            b.add(hypB.get(u));
        }
        return new Input(utts, r, a, b);
    }

    private static void requireSameUtterances(
            Map<String, List<String>> ref, String refName, Map<String, List<String>> hyp, String name) {
        if (hyp.isEmpty()) {
            throw new AmdException(name + ": no hypotheses (empty file)");
        }
        for (String k : hyp.keySet()) {
            if (!ref.containsKey(k)) {
                throw new AmdException(name + ": utterance " + k + " is not in the reference " + refName);
            }
        }
        for (String k : ref.keySet()) {
            if (!hyp.containsKey(k)) {
                throw new AmdException(name + " has no hypothesis for utterance " + k + " of " + refName
                        + ": both systems must be scored on the same utterances");
            }
        }
    }

    /** The comparison; {@code utt2spk} (may be null) makes speakers the sign test's blocks, else utterances. */
    public static Result compare(Input in, Map<String, String> utt2spk, int minGood, int samples, long seed) {
        int n = in.utterances().size();
        WerSummary werA = new WerSummary();
        WerSummary werB = new WerSummary();
        List<List<EditDistance.Pair>> alignA = new ArrayList<>();
        List<List<EditDistance.Pair>> alignB = new ArrayList<>();
        long[] errA = new long[n];
        long[] errB = new long[n];
        long[] words = new long[n];
        for (int i = 0; i < n; i++) {
            List<String> r = in.refs().get(i);
            werA.add(r, in.hypsA().get(i));
            werB.add(r, in.hypsB().get(i));
            alignA.add(EditDistance.align(r, in.hypsA().get(i)));
            alignB.add(EditDistance.align(r, in.hypsB().get(i)));
            errA[i] = EditDistance.counts(r, in.hypsA().get(i)).errors();
            errB[i] = EditDistance.counts(r, in.hypsB().get(i)).errors();
            words[i] = r.size();
        }
        MatchedPairs.Result mapsswe = MatchedPairs.test(alignA, alignB, minGood);
        SignTest.Result sign;
        if (utt2spk == null) {
            sign = SignTest.test(errA, errB, words);
        } else {
            long[][] bySpeaker = bySpeaker(in.utterances(), utt2spk, errA, errB, words);
            sign = SignTest.test(bySpeaker[0], bySpeaker[1], bySpeaker[2]);
        }
        PairedBootstrap.Difference boot = PairedBootstrap.rateDifference(errA, errB, words, samples, seed);
        return new Result(werA, werB, mapsswe, sign, utt2spk == null ? "utterances" : "speakers", boot);
    }

    /** Errors of A, of B and reference words summed per speaker, speakers in order of first appearance. */
    private static long[][] bySpeaker(
            List<String> utts, Map<String, String> utt2spk, long[] errA, long[] errB, long[] words) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < utts.size(); i++) {
            String spk = utt2spk.get(utts.get(i));
            if (spk == null) {
                throw new AmdException("utt2spk has no speaker for utterance " + utts.get(i));
            }
            long[] s = sums.computeIfAbsent(spk, k -> new long[3]);
            s[0] += errA[i];
            s[1] += errB[i];
            s[2] += words[i];
        }
        long[][] out = new long[3][sums.size()];
        int j = 0;
        for (long[] s : sums.values()) {
            out[0][j] = s[0];
            out[1][j] = s[1];
            out[2][j] = s[2];
            j++;
        }
        return out;
    }

    /**
     * The hypotheses a decode directory's reported WER was computed from: the grid point of
     * scoring_kaldi/wer_from_dev (weights chosen on dev), else of scoring_kaldi/best_wer, else hyp.txt. The
     * directory's own reference (scoring/test_filt.txt), if it has one, must be {@code ref}.
     */
    public static Map<String, List<String>> readDecodeDir(Path dir, Map<String, List<String>> ref, String refName)
            throws java.io.IOException {
        Path filt = dir.resolve("scoring/test_filt.txt");
        if (Files.exists(filt)) {
            Map<String, List<String>> own = Transcripts.read(filt.toString());
            if (!own.equals(ref)) {
                String first = firstDifference(own, ref);
                throw new AmdException(dir + " was scored against a different reference set than " + refName + " ("
                        + filt + " differs at utterance " + first + ")");
            }
        }
        for (String f : List.of("scoring_kaldi/wer_from_dev", "scoring_kaldi/best_wer")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                return Transcripts.read(Score.Best.read(p).hypotheses(dir).toString());
            }
        }
        Path hyp = dir.resolve("hyp.txt");
        if (!Files.exists(hyp)) {
            throw new AmdException(
                    dir + ": not a scored decode directory (no scoring_kaldi/wer_from_dev, best_wer or hyp.txt)");
        }
        return Transcripts.read(hyp.toString());
    }

    private static String firstDifference(Map<String, List<String>> a, Map<String, List<String>> b) {
        for (String k : a.keySet()) {
            if (!a.get(k).equals(b.get(k))) {
                return k;
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                return k;
            }
        }
        return "?";
    }
}
