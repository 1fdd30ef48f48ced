package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.DebianPackages;
import org.amdistill.recipes.report.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recipes/timit end to end with {@code --quick true} on a tiny TIMIT-shaped corpus of synthesised digits (SPHERE audio,
 * .PHN hand labels from flite's phone timings, dev and core-test speakers from the importer's lists), through the
 * launcher jar; then a rerun, which must skip every stage.
 */
class TimitRecipeIT {
    @Test
    void quickRunOnATinyTimitScoresPhonesAndARerunSkipsEveryStage(@TempDir Path tmp) throws Exception {
        DebianPackages.assume(DebianPackages.onPath("flite"), "flite", "its phone timings are the .PHN hand labels");
        List<CorpusFixtures.Utt> utts = CorpusFixtures.synth(
                tmp.resolve("synth"),
                "--num-utts=48",
                "--seed=7",
                "--voices=flite-kal16,flite-slt,flite-awb,flite-rms,freetts-kevin16-p140",
                "--dev-fraction=0",
                "--test-fraction=0.25");
        Path timit = tmp.resolve("TIMIT");
        CorpusFixtures.timit(utts, timit);
        Path dir = RecipeRuns.copyRecipe(tmp, "timit");

        // a clear message without --timit, or with a directory that is not TIMIT
        assertTrue(QuickRecipeIT.run(dir, 1, "--quick", "true").contains("--timit DIR is required"));
        assertTrue(QuickRecipeIT.run(dir, 1, "--timit", tmp.resolve("synth").toString())
                .contains("does not look like TIMIT"));

        String[] args = {"--timit", timit.toString(), "--quick", "true"};
        RecipeRuns.timedRun(dir, "timit quick recipe", args);
        RecipeRuns.checkResults(dir, 2);
        assertEquals(
                List.of("train", "dev", "test"),
                List.of("train", "dev", "test").stream()
                        .filter(x -> Files.exists(dir.resolve("data/" + x + "/ctm")))
                        .toList());
        assertTrue(Files.readString(dir.resolve("exp/RESULTS.md")).contains("phone error rate on 48 phones"));
        // the hand labels are the DNN targets; phone error rates on 48 and 39 phones
        assertTrue(Files.exists(dir.resolve("exp/ctm_ali_train/ali.1.ark")));
        CsvTable per = CsvTable.read(dir.resolve("exp/per39.csv"));
        assertEquals(List.of("system", "per48_test", "per39_test"), per.header());
        assertEquals(3, per.size());
        for (int i = 0; i < per.size(); i++) {
            double p48 = Double.parseDouble(per.get(i, "per48_test"));
            double p39 = Double.parseDouble(per.get(i, "per39_test"));
            assertTrue(
                    p39 >= 0 && p39 <= p48 + 1e-9,
                    "folding to 39 phones cannot add errors here: " + p48 + " -> " + p39);
        }
        assertTrue(Files.readString(dir.resolve("exp/RESULTS.md")).contains("## Phone error rate on 39 phones"));

        RecipeRuns.checkRerunSkipsEverything(dir, 14, args);
    }
}
