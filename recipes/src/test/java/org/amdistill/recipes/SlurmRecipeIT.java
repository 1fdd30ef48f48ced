package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.amdistill.core.DebianPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick recipe on a real single-node Slurm cluster that this test starts (its own munge key, slurm.conf, state
 * and logs in a temporary directory; daemons stopped at the end whatever happens), with train_cmd and decode_cmd
 * set to slurm.pl: the same results as the same recipe run locally with run.pl. Then slurm.pl's own contract: a
 * failed array task fails the command, naming its log, and the finished tasks keep their outputs.
 * Needs root and Debian's slurm-wlm and munge ({@code .ci/run} installs them); skipped with a message otherwise.
 */
class SlurmRecipeIT {
    /** results.csv columns that measure time, which differ between any two runs. */
    private static final Set<String> TIMINGS = Set.of("rtf", "forward_s", "forward_vs_ensemble");

    private static String sh(Path dir, Path slurmConf, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        pb.environment().put("AMD_ROOT", QuickRecipeIT.ROOT.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES));
        return p.exitValue() + "\n" + out;
    }

    private static List<String> withoutTimings(Path results) throws Exception {
        List<String> lines = Files.readAllLines(results);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.length; i++) {
                if (!TIMINGS.contains(header.get(i))) {
                    sb.append(f[i]).append(',');
                }
            }
            out.add(sb.toString());
        }
        return out;
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
            String[] quick = {"--quick", "true"};
            List<String> args = new ArrayList<>(List.of("bash", "run.sh"));
            args.addAll(List.of(quick));
            String localOut = sh(localDir, slurmConf, args.toArray(new String[0]));
            assertTrue(localOut.startsWith("0\n"), localOut);
            String slurmOut = sh(slurmDir, slurmConf, args.toArray(new String[0]));
            assertTrue(slurmOut.startsWith("0\n"), slurmOut);
            // the jobs really went through Slurm: slurm.pl's logs name the Slurm job
            assertTrue(
                    Files.readString(slurmDir.resolve("exp/mono/log/train_mono.log"))
                            .contains("(Slurm job "),
                    "train-mono ran as a Slurm job");
            for (String f : List.of(
                    "exp/dnn_baseline/eval/test.acc",
                    "exp/ensemble/eval/test.acc",
                    "exp/distilled/eval/test.acc",
                    "exp/distilled/decode_test/scoring_kaldi/wer_from_dev")) {
                assertEquals(Files.readString(localDir.resolve(f)), Files.readString(slurmDir.resolve(f)), f);
            }
            assertEquals(
                    withoutTimings(localDir.resolve("exp/results.csv")),
                    withoutTimings(slurmDir.resolve("exp/results.csv")));
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
