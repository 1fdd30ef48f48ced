package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages that run as job arrays give the same result whatever the number of jobs: features, CMVN statistics,
 * alignments, soft targets and decoding (hypotheses, WER, the chosen LM weight) made with --nj 1 and --nj 3 (through
 * run.pl, JOB=1:3 over split-data-dir's splits) are the same values, and the merged files are where later stages
 * read them. A task that fails fails its stage, named.
 */
class SplitStagesIT {
    private static String bash(Path dir, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". ./path.sh; set -euo pipefail; " + script)
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("AMD_ROOT", QuickRecipeIT.ROOT.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "timed out: " + script);
        assertEquals(0, p.exitValue(), script + "\n" + out);
        return out;
    }

    private static String stages(int nj) {
        String data = "data/train_nj" + nj;
        String exp = "exp/nj" + nj;
        return String.join(
                "; ",
                "rm -rf " + data + " && cp -r data/train " + data,
                "steps/make_fbank.sh --nj " + nj + " " + data + " " + exp + "/log fbank_nj" + nj,
                "steps/compute_cmvn_stats.sh --nj " + nj + " " + data + " " + exp + "/log fbank_nj" + nj,
                "steps/align.sh --nj " + nj + " " + data + " data/lang exp/mono " + exp + "/ali");
    }

    /** Soft targets and decoding (with its scoring) of {@code data/train} by a small DNN, in {@code exp/nj<nj>}. */
    private static String teacherStages(int nj) {
        String exp = "exp/nj" + nj;
        return String.join(
                "; ",
                "steps/make_soft_targets.sh --nj " + nj + " --temperature 2 exp/dnn/final.mdl data/train " + exp
                        + "/soft",
                "steps/decode.sh --nj " + nj
                        + " --lm-weights 2,5,10 --word-ins-penalties -1,0 exp/dnn/final.mdl data/lang" + " data/train "
                        + exp + "/decode",
                "steps/score.sh " + exp + "/decode " + exp + "/decode");
    }

    @Test
    void featuresCmvnAlignmentsSoftTargetsAndDecodingDoNotDependOnTheNumberOfJobs(@TempDir Path tmp) throws Exception {
        Path dir = QuickRecipeIT.copyRecipe(tmp);
        Files.createDirectories(dir.resolve("exp"));
        bash(
                dir,
                "amd synth-corpus --task=digits --num-utts=60 --seed=3 data > exp/synth.log 2>&1"
                        + "; steps/prepare_lang.sh data/local/dict - data/lang"
                        + "; steps/make_fbank.sh data/train exp/log fbank; steps/compute_cmvn_stats.sh data/train exp/log fbank"
                        + "; steps/train_mono.sh --opts '--num-iters=4 --totgauss=100' data/train data/lang exp/mono");
        bash(dir, stages(1));
        bash(dir, stages(3));
        bash(
                dir,
                "steps/train_dnn.sh --opts '--max-epochs=1 --min-epochs=1 --hidden-layers=1 --hidden-dim=64'"
                        + " data/train exp/mono data/train exp/mono exp/mono/final.mdl exp/dnn"
                        + "; steps/train_lm.sh --order 2 data/train/text data/lang/lm.arpa exp/log");
        bash(dir, teacherStages(1));
        bash(dir, teacherStages(3));
        assertTrue(Files.exists(dir.resolve("exp/nj3/soft/log/compute.3.log")), "soft targets were made by 3 jobs");
        assertTrue(Files.exists(dir.resolve("exp/nj3/decode/log/decode.3.log")), "decoding was made by 3 jobs");
        sameFiles(dir, "soft", List.of("targets.ark", "targets.scp", "info"));
        sameFiles(
                dir,
                "decode",
                List.of(
                        "hyp.txt",
                        "wer",
                        "scoring/penalty_-1.0/5.txt",
                        "scoring/penalty_0.0/10.txt",
                        "wer_2_-1.0",
                        "wer_10_0.0",
                        "scoring_kaldi/best_wer",
                        "scoring_kaldi/wer_details/per_utt",
                        "scoring_kaldi/wer_from_dev"));
        aFailedTaskFailsTheStageNamingItsLog(dir);
        assertTrue(Files.exists(dir.resolve("data/train_nj3/split3utt/3/wav.scp")), "features were made by 3 jobs");
        assertTrue(Files.exists(dir.resolve("exp/nj3/log/make_fbank_train_nj3.3.log")));
        // alignment splits by speaker: a corpus of FreeTTS's voices alone (no Debian TTS) has 2 training speakers
        long speakers = Files.readAllLines(dir.resolve("data/train/spk2utt")).size();
        long alignJobs = Math.min(3, speakers);
        assertTrue(alignJobs >= 2, "the test needs at least 2 speakers to split: " + speakers);
        assertTrue(
                Files.exists(dir.resolve("exp/nj3/ali/log/align." + alignJobs + ".log"))
                        && Files.notExists(dir.resolve("exp/nj3/ali/log/align." + (alignJobs + 1) + ".log")),
                "alignment was made by " + alignJobs + " jobs (--nj 3, " + speakers + " speakers)");
        for (String table : List.of("feats.scp", "cmvn.scp")) {
            String rspec = "scp:data/train_nj%d/" + table;
            String one = bash(dir, "amd copy-feats " + String.format(rspec, 1) + " ark,t:- 2>/dev/null");
            String three = bash(dir, "amd copy-feats " + String.format(rspec, 3) + " ark,t:- 2>/dev/null");
            assertTrue(one.length() > 1000, one);
            assertEquals(one, three, table + ": the same values from 1 and 3 jobs");
        }
        assertEquals(
                Files.readString(dir.resolve("exp/nj1/ali/ali.ctm")),
                Files.readString(dir.resolve("exp/nj3/ali/ali.ctm")));
        assertEquals(
                Files.readString(dir.resolve("exp/nj1/ali/unaligned.txt")),
                Files.readString(dir.resolve("exp/nj3/ali/unaligned.txt")));
        assertTrue(
                Arrays.equals(
                        Files.readAllBytes(dir.resolve("exp/nj1/ali/ali.1.ark")),
                        Files.readAllBytes(dir.resolve("exp/nj3/ali/ali.1.ark"))),
                "the same alignment archive, byte for byte");
    }

    /** exp/nj1/SUB/f and exp/nj3/SUB/f are the same bytes, but for the directory's own name. */
    private static void sameFiles(Path dir, String sub, List<String> files) throws Exception {
        for (String f : files) {
            byte[] one = Files.readAllBytes(dir.resolve("exp/nj1/" + sub + "/" + f));
            byte[] three = Files.readAllBytes(dir.resolve("exp/nj3/" + sub + "/" + f));
            String oneText = new String(one, StandardCharsets.ISO_8859_1).replace("exp/nj1/", "exp/nj3/");
            assertTrue(one.length > 0, sub + "/" + f + " is empty");
            assertEquals(
                    oneText,
                    new String(three, StandardCharsets.ISO_8859_1),
                    sub + "/" + f + ": the same bytes from 1 and 3 jobs");
        }
    }

    /**
     * A job array whose second task fails (one utterance's features are missing) fails its stage, naming the task's
     * log; the other tasks' outputs are kept, and nothing that looks like finished soft targets is left.
     */
    private static void aFailedTaskFailsTheStageNamingItsLog(Path dir) throws Exception {
        bash(
                dir,
                // the middle utterance's features point into an archive that does not exist
                "rm -rf data/train_bad && cp -r data/train data/train_bad && rm -rf data/train_bad/split*"
                        + " && n=$(wc -l < data/train/feats.scp) && awk -v m=$(( (n + 1) / 2 ))"
                        + " 'NR == m { $2 = \"fbank/missing.ark:10\" } { print }' data/train/feats.scp > data/train_bad/feats.scp");
        String out = bash(
                dir,
                "if steps/make_soft_targets.sh --nj 3 --temperature 2 exp/dnn/final.mdl data/train_bad exp/soft 2>&1;"
                        + " then echo STAGE-SUCCEEDED; fi");
        assertTrue(out.contains("1 / 3 failed, log is in exp/soft/log/compute.2.log"), out);
        assertTrue(!out.contains("STAGE-SUCCEEDED"), out);
        assertTrue(Files.readString(dir.resolve("exp/soft/log/compute.2.log")).contains("missing.ark"));
        assertTrue(Files.exists(dir.resolve("exp/soft/split/1/info")), "a finished task keeps its output");
        assertTrue(Files.exists(dir.resolve("exp/soft/split/3/info")), "a finished task keeps its output");
        assertTrue(Files.notExists(dir.resolve("exp/soft/info")), "no merged soft targets from a failed array");
        // students over seeds: the first seed's student is there already and kept; the second's task fails (no soft
        // targets) and is named by its seed
        String students = bash(
                dir,
                "mkdir -p exp/students && cp exp/dnn/final.mdl exp/students/final.mdl"
                        + " && if steps/distill_seeds.sh --nj 2 --seeds '1 2' --temperature 2 --hard-weight 0 data/train"
                        + " none data/train exp/mono data/train exp/mono exp/no_soft_targets exp/mono/final.mdl exp/students"
                        + " 2>&1; then echo STAGE-SUCCEEDED; fi");
        assertTrue(
                students.contains(
                        "the student of seed 2 (exp/students_seed2) failed: see exp/log/distill_seeds_students.2.log"),
                students);
        assertTrue(!students.contains("STAGE-SUCCEEDED") && !students.contains("seed 1 (exp/students)"), students);
        assertTrue(Files.readString(dir.resolve("exp/log/distill_seeds_students.1.log"))
                .contains("seed 1: exp/students/final.mdl exists, not trained again"));
    }
}
