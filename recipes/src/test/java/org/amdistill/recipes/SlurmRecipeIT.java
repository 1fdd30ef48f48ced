package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.amdistill.core.DebianPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick recipe's job arrays on a real single-node Slurm cluster that this test starts (its own munge key,
 * slurm.conf, state and logs in a temporary directory; daemons stopped at the end whatever happens), with train_cmd
 * and decode_cmd set to slurm.pl: byte for byte the results of the same stages run locally with run.pl. Then slurm.pl's own contract: a
 * failed array task fails the command, naming its log, and the finished tasks keep their outputs.
 * Needs root and Debian's slurm-wlm and munge ({@code .ci/run} installs them); skipped with a message otherwise.
 */
class SlurmRecipeIT {
    /**
     * The quick recipe's stages that run job arrays (features, alignment, triphones, ensemble members, soft targets,
     * students over seeds), then the student's decoding as an array, with run.sh's own cmd.sh; the baseline (stage 5,
     * one job) and the stages after 8 add nothing on Slurm that these do not show.
     */
    private static final String ARRAY_STAGES = String.join(
            " && ",
            "bash run.sh --quick true --stop-stage 4",
            "bash run.sh --quick true --stage 6 --stop-stage 8",
            ". ./path.sh && . ./cmd.sh",
            "for x in dev test; do steps/decode.sh --cmd \"$decode_cmd\" --nj 2 --lm-weights 2,4,8 --word-ins-penalties -1,0"
                    + " exp/distilled/final.mdl data/lang data/$x exp/distilled/decode_$x; done",
            "steps/score.sh exp/distilled/decode_dev exp/distilled/decode_test");

    private static String sh(Path dir, Path slurmConf, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        pb.environment().put("AMD_ROOT", QuickRecipeIT.ROOT.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES));
        return p.exitValue() + "\n" + out;
    }

    @Test
    void theQuickRecipeOnSlurmGivesTheLocalRunsResults(@TempDir Path tmp) throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")), "the Slurm test starts munged and slurmd: needs root");
        for (String p : List.of("munged", "slurmctld", "slurmd", "sbatch", "sinfo")) {
            DebianPackages.assume(
                    DebianPackages.onPath(p),
                    p.equals("munged") ? "munge" : "slurm-wlm",
                    "the Slurm test starts a cluster");
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x")); // munged runs as user munge
        Path cluster = tmp.resolve("cluster");
        Path script = QuickRecipeIT.ROOT.resolve("recipes/utils/local_slurm_cluster.sh");
        Path slurmConf = cluster.resolve("slurm.conf");
        try {
            String started = sh(tmp, slurmConf, "bash", script.toString(), "start", cluster.toString());
            assertTrue(started.startsWith("0\n"), "cluster start: " + started);

            Path local = Files.createDirectories(tmp.resolve("local"));
            Path onSlurm = Files.createDirectories(tmp.resolve("slurm"));
            Path localDir = QuickRecipeIT.copyRecipe(local);
            Path slurmDir = QuickRecipeIT.copyRecipe(onSlurm);
            Files.writeString(
                    slurmDir.resolve("cmd.sh"),
                    "export train_cmd=\"utils/slurm.pl --mem 4G\"\nexport decode_cmd=\"utils/slurm.pl --mem 2G\"\n");
            // the corpus and the lang (stages 0 and 1, no jobs) are made once, and copied before any stage adds to them
            String corpus = sh(
                    localDir,
                    slurmConf,
                    "bash",
                    "-c",
                    "bash run.sh --quick true --stop-stage 1 && cp -a data ../../slurm/synth-digits/"
                            + " && mkdir -p ../../slurm/synth-digits/exp/.done"
                            + " && cp exp/.done/0-* exp/.done/1-* ../../slurm/synth-digits/exp/.done/");
            assertTrue(corpus.startsWith("0\n"), corpus);
            // the local run and the run on Slurm side by side: each alone leaves much of the machine idle
            CompletableFuture<String> localRun = CompletableFuture.supplyAsync(() -> {
                try {
                    return sh(localDir, slurmConf, "bash", "-c", ARRAY_STAGES);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            String slurmOut = sh(slurmDir, slurmConf, "bash", "-c", ARRAY_STAGES);
            String localOut = localRun.get();
            assertTrue(localOut.startsWith("0\n"), localOut);
            assertTrue(slurmOut.startsWith("0\n"), slurmOut);
            // the jobs really went through Slurm, as arrays: slurm.pl's logs name the Slurm job
            for (String log : List.of(
                    "exp/mono/log/train_mono.log",
                    "exp/log/make_fbank_train.2.log",
                    "exp/ensemble/log/train.2.log",
                    "exp/soft_T2/log/compute.2.log",
                    "exp/log/distill_seeds_distilled.2.log",
                    "exp/distilled/decode_test/log/decode.2.log")) {
                assertTrue(Files.readString(slurmDir.resolve(log)).contains("(Slurm job "), log + " is a Slurm job's");
            }
            for (String f : List.of(
                    "data/train/feats.scp",
                    "exp/ctm_ali_train/ali.1.ark",
                    "exp/tri1_ali_train/ali.1.ark",
                    "exp/ensemble/eval/test.acc",
                    "exp/soft_T2/targets.ark",
                    "exp/soft_T2/info",
                    "exp/distilled/eval/test.acc",
                    "exp/distilled_seed2/eval/test.acc",
                    "exp/distilled/decode_test/hyp.txt",
                    "exp/distilled/decode_dev/scoring_kaldi/best_wer",
                    "exp/distilled/decode_test/scoring_kaldi/wer_from_dev")) {
                assertTrue(
                        Arrays.equals(Files.readAllBytes(localDir.resolve(f)), Files.readAllBytes(slurmDir.resolve(f))),
                        f + ": the same bytes locally and on Slurm");
            }
            arrayTaskFailureFailsTheCommandAndNamesItsLog(tmp, slurmConf);
        } finally {
            sh(tmp, slurmConf, "bash", script.toString(), "stop", cluster.toString());
        }
    }

    private static void arrayTaskFailureFailsTheCommandAndNamesItsLog(Path tmp, Path slurmConf) throws Exception {
        Path slurmPl = QuickRecipeIT.ROOT.resolve("recipes/utils/slurm.pl");
        String out = sh(
                tmp,
                slurmConf,
                slurmPl.toString(),
                "--max-jobs-run",
                "2",
                "JOB=1:3",
                "arr/log/t.JOB.log",
                "bash",
                "-c",
                "echo out JOB > arr/out.JOB; [ JOB != 2 ]");
        assertTrue(out.startsWith("1\n"), out);
        assertTrue(out.contains("1 / 3 failed, log is in arr/log/t.2.log"), out);
        assertTrue(Files.readString(tmp.resolve("arr/log/t.2.log")).contains("# Ended (code 1)"));
        assertEquals("out 1\n", Files.readString(tmp.resolve("arr/out.1")), "finished tasks keep their outputs");
        assertEquals("out 3\n", Files.readString(tmp.resolve("arr/out.3")));
        assertTrue(Files.readString(tmp.resolve("arr/log/q/t.ALL.sh")).contains("SLURM_ARRAY_TASK_ID"));
    }
}
