package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.amdistill.recipes.report.CsvTable;

/**
 * What the end-to-end recipe tests share beyond {@link QuickRecipeIT}'s {@code run}: a copy of any recipe directory
 * (its scripts and conf/, with utils and steps linked to the real ones), the check of exp/results.csv, and the check
 * that a rerun skips every stage.
 */
final class RecipeRuns {
    private RecipeRuns() {}

    /** Copies recipes/NAME (run.sh, path.sh, cmd.sh, conf/*) into tmp/NAME, linking utils and steps. */
    static Path copyRecipe(Path tmp, String name) throws Exception {
        Path src = QuickRecipeIT.ROOT.resolve("recipes").resolve(name);
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("conf"));
        for (String f : List.of("run.sh", "path.sh", "cmd.sh")) {
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        try (Stream<Path> s = Files.list(src.resolve("conf"))) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve("conf").resolve(f.getFileName()));
            }
        }
        Files.createSymbolicLink(dir.resolve("utils"), QuickRecipeIT.ROOT.resolve("recipes/utils"));
        Files.createSymbolicLink(dir.resolve("steps"), QuickRecipeIT.ROOT.resolve("recipes/steps"));
        return dir;
    }

    /** Runs the recipe, printing its output and how long it took. */
    static String timedRun(Path dir, String what, String... args) throws Exception {
        long t0 = System.nanoTime();
        String out = QuickRecipeIT.run(dir, 0, args);
        System.out.printf("%s: %.1f minutes%n%s%n", what, (System.nanoTime() - t0) / 60e9, out);
        return out;
    }

    /** exp/results.csv has the baseline, the ensemble of {@code members} baselines and the student, values in range. */
    static CsvTable checkResults(Path dir, int members) throws Exception {
        CsvTable r = CsvTable.read(dir.resolve("exp/results.csv"));
        assertEquals(
                List.of(
                        "system",
                        "params",
                        "frame_acc_dev",
                        "frame_acc_test",
                        "wer_test",
                        "rtf",
                        "forward_s",
                        "forward_vs_ensemble"),
                r.header());
        List<String> systems = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            systems.add(r.get(i, "system"));
            for (String col : List.of("frame_acc_dev", "frame_acc_test", "wer_test")) {
                double v = Double.parseDouble(r.get(i, col));
                assertTrue(v >= 0 && v <= 100 + (col.equals("wer_test") ? 400 : 0), col + " = " + v);
            }
            assertTrue(
                    Double.parseDouble(r.get(i, "frame_acc_test")) > 5,
                    "frame accuracy above chance (over about 150 states)");
            assertTrue(Long.parseLong(r.get(i, "params")) > 0);
            double rtf = Double.parseDouble(r.get(i, "rtf"));
            assertTrue(rtf > 0 && rtf < 5, "rtf " + rtf);
            assertTrue(
                    Double.parseDouble(r.get(i, "forward_s")) > 0,
                    "the decoding stage timed the forward passes: " + r.get(i, "forward_s"));
        }
        assertEquals(
                1.0,
                Double.parseDouble(r.get(1, "forward_vs_ensemble")),
                1e-9,
                "the ensemble is the benchmark's reference");
        assertEquals(List.of("baseline", "ensemble", "distilled"), systems);
        assertEquals(
                members * Long.parseLong(r.get(0, "params")),
                Long.parseLong(r.get(1, "params")),
                members + " members, each the baseline's size");
        assertTrue(Files.readString(dir.resolve("exp/RESULTS.md")).contains("| distilled |"));
        assertTrue(Files.exists(dir.resolve("exp/report.html")));
        return r;
    }

    /** A rerun with the same arguments prints {@code stages} stage lines, each of them a skip. */
    static void checkRerunSkipsEverything(Path dir, int stages, String... args) throws Exception {
        String again = QuickRecipeIT.run(dir, 0, args);
        List<String> stageLines =
                again.lines().filter(l -> l.startsWith("== stage")).toList();
        assertEquals(stages, stageLines.size(), again);
        assertTrue(
                stageLines.stream().allMatch(l -> l.endsWith("already done, skipping")),
                "a rerun redoes nothing:\n" + again);
    }
}
