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
 * The stages that run as job arrays give the same result whatever the number of jobs: features, CMVN statistics and
 * alignments made with --nj 1 and --nj 3 (through run.pl, JOB=1:3 over split-data-dir's splits) are the same values,
 * and the merged files are where later stages read them.
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

    @Test
    void featuresCmvnAndAlignmentsDoNotDependOnTheNumberOfJobs(@TempDir Path tmp) throws Exception {
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
        assertTrue(Files.exists(dir.resolve("data/train_nj3/split3utt/3/wav.scp")), "features were made by 3 jobs");
        assertTrue(Files.exists(dir.resolve("exp/nj3/log/make_fbank_train_nj3.3.log")));
        assertTrue(Files.exists(dir.resolve("exp/nj3/ali/log/align.3.log")), "alignment was made by 3 jobs");
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
}
