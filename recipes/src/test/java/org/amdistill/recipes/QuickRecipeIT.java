package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.amdistill.core.DebianPackages;
import org.amdistill.recipes.report.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synth-digits recipe end to end with {@code --quick true} (tiny corpus, 2 members, 1 epoch each), in a copy of
 * the recipe directory, through the launcher jar that {@code mvn package} just built. Then a rerun, which must skip
 * every completed stage.
 */
class QuickRecipeIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Process start(Path dir, String... args) throws Exception {
        return startOnPath(dir, null, args);
    }

    /** Starts run.sh in {@code dir}; {@code path}, if not null, is the PATH it runs with. */
    static Process startOnPath(Path dir, String path, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", dir.resolve("run.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("AMD_ROOT", ROOT.toString());
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        return pb.start();
    }

    static String run(Path dir, int expectedExit, String... args) throws Exception {
        return runOnPath(dir, null, expectedExit, args);
    }

    /** Runs run.sh in {@code dir} with {@code path} (null: this JVM's PATH), expecting exit status {@code expectedExit}; its output. */
    static String runOnPath(Path dir, String path, int expectedExit, String... args) throws Exception {
        Process p = startOnPath(dir, path, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "recipe timed out");
        assertEquals(expectedExit, p.exitValue(), "run.sh " + String.join(" ", args) + " output:\n" + out);
        return out;
    }

    /** The synth-digits recipe copied as every recipe IT copies its recipe (every conf/ file: tri.conf too). */
    static Path copyRecipe(Path tmp) throws Exception {
        return RecipeRuns.copyRecipe(tmp, "synth-digits");
    }

    @Test
    void quickRunProducesTheThreeSystemsAndARerunSkipsEveryStage(@TempDir Path tmp) throws Exception {
        // flite's phone timings score the alignments; espeak-ng's voices are most of the corpus (the pure-Java path,
        // which needs neither, is PureJavaRecipeIT)
        DebianPackages.assume(DebianPackages.onPath("flite"), "flite", "its phone timings score the alignments");
        DebianPackages.assume(DebianPackages.onPath("espeak-ng"), "espeak-ng", "the corpus of every voice");
        Path dir = copyRecipe(tmp);
        long t0 = System.nanoTime();
        // with the boundary-friendly alignment setup (the TIMIT and LibriSpeech ITs run Kaldi's)
        run(
                dir,
                0,
                "--quick",
                "true",
                "--stop-stage",
                "2",
                "--lang-opts",
                "--num-nonsil-states=2",
                "--aligner-lang-opts",
                "--num-nonsil-states=1");
        // A stage that fails half way (here: its output directory cannot be made, as on a full disk) stops the run
        // with its message, is not marked done, and the rerun starts at that stage.
        Files.writeString(dir.resolve("exp/mono"), "in the way");
        Process failing = start(dir, "--quick", "true", "--mono-opts", "--delta-order=0");
        String failed = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(failing.waitFor(5, TimeUnit.MINUTES));
        assertTrue(failing.exitValue() != 0, failed);
        assertTrue(Files.notExists(dir.resolve("exp/.done/3-alignment")), failed);
        Files.delete(dir.resolve("exp/mono"));
        String out = run(dir, 0, "--quick", "true", "--mono-opts", "--delta-order=0");
        String topo = Files.readString(dir.resolve("data/lang/topo"));
        assertTrue(
                topo.contains("<State> 2 </State>") && !topo.contains("<State> 3 </State>"), "2-state phones: " + topo);
        assertTrue(
                Files.readString(dir.resolve("exp/mono/final.mdl")).contains("delta-order=0"),
                "train-mono took --mono-opts");
        // The flat-start aligner: trained on phonetically rich sentences of the training voices (static cepstra by
        // default), its phone boundaries hold the DNN targets, and both alignments are scored in RESULTS.md.
        assertTrue(
                Files.readString(dir.resolve("exp/mono_aligner/final.mdl")).contains("delta-order=0"),
                "the aligner's own options");
        String alignerTopo = Files.readString(dir.resolve("data/lang_aligner/topo"));
        assertTrue(
                alignerTopo.contains("<State> 1 </State>") && !alignerTopo.contains("<State> 2 </State>"),
                "1-state phones: " + alignerTopo);
        assertTrue(
                Files.readString(dir.resolve("data/local/dict_aligner/nonsilence_phones.txt"))
                                .lines()
                                .count()
                        > Files.readString(dir.resolve("data/local/dict/nonsilence_phones.txt"))
                                .lines()
                                .count(),
                "the sentences' phones beside the digits'");
        List<String> trainSpeakers = Files.readAllLines(dir.resolve("data/train/spk2utt")).stream()
                .map(l -> l.split(" ")[0])
                .toList();
        for (String l : Files.readAllLines(dir.resolve("data/aligner/spk2utt"))) {
            assertTrue(trainSpeakers.contains(l.split(" ")[0]), "aligner speech from training voices only: " + l);
        }
        String commands = Files.readString(dir.resolve("exp/commands.log"));
        assertTrue(
                commands.contains(
                        "amd ali-from-ctm --lang=data/lang --model=exp/mono/final.mdl --frame-offset=0 exp/mono_aligner/ali_train/ali.ctm"),
                commands);
        assertTrue(
                commands.contains("ark:exp/ctm_ali_train/ali.1.ark"),
                "the DNNs learn the states inside the aligner's boundaries: " + commands);
        List<String> scored = Files.readAllLines(dir.resolve("exp/mono/boundary_accuracy.txt"));
        assertTrue(
                scored.stream().anyMatch(l -> l.startsWith("%BOUNDARY") && l.endsWith(" all exp/mono/ali.ctm")),
                scored.toString());
        assertTrue(
                scored.stream()
                        .anyMatch(l ->
                                l.startsWith("%BOUNDARY") && l.endsWith(" all exp/mono_aligner/ali_train/ali.ctm")),
                scored.toString());
        assertTrue(Files.readString(dir.resolve("exp/RESULTS.md"))
                .contains("| exp/mono_aligner/ali_train/ali.ctm | all ("));
        for (String s : List.of("0 (corpus)", "1 (lang)", "2 (features)")) {
            assertTrue(out.contains("== stage " + s + ": already done, skipping"), out);
        }
        assertTrue(out.contains("== stage 3 (alignment): "), out);
        double minutes = (System.nanoTime() - t0) / 60e9;
        System.out.printf("quick recipe: %.1f minutes%n%s%n", minutes, out);
        RecipeRuns.checkResults(dir, 2); // baseline, 2 members each the baseline's size, student
        // the student once per seed on train + transfer set, the members counted as baselines with other seeds
        CsvTable seeds = CsvTable.read(dir.resolve("exp/seeds.csv"));
        long distilled = 0;
        long baselines = 0;
        for (int i = 0; i < seeds.size(); i++) {
            distilled += seeds.get(i, "system").equals("distilled") ? 1 : 0;
            baselines += seeds.get(i, "system").equals("baseline") ? 1 : 0;
        }
        assertEquals(2, distilled);
        assertEquals(3, baselines);
        assertTrue(Files.readString(dir.resolve("exp/RESULTS.md")).contains("## Over seeds"));
        assertTrue(
                Files.readString(dir.resolve("data/distill/feats.scp")).lines().count()
                        > Files.readString(dir.resolve("data/train/feats.scp"))
                                .lines()
                                .count(),
                "the transfer set is labelled by the teacher");

        // the last stage packages the student: a recognizer that loads and recognises a test recording
        org.amdistill.recognizer.Recognizer rec =
                org.amdistill.recognizer.Recognizer.load(dir.resolve("exp/distilled/student.rec"));
        String firstWav = Files.readString(dir.resolve("data/test/wav.scp"))
                .lines()
                .findFirst()
                .orElseThrow()
                .split("\\s+")[1];
        org.amdistill.core.audio.AudioData a = org.amdistill.core.audio.WaveTable.read(firstWav);
        assertTrue(rec.recognize(a.channel(0), Math.round(a.sampleRate())).reachedFinal());

        String again = run(dir, 0, "--quick", "true");
        List<String> stageLines =
                again.lines().filter(l -> l.startsWith("== stage")).toList();
        assertEquals(14, stageLines.size(), again);
        assertTrue(
                stageLines.stream().allMatch(l -> l.endsWith("already done, skipping")),
                "a rerun redoes nothing:\n" + again);
        run(dir, 1, "--no-such-option", "1");
        assertTrue(run(dir, 1, "--stage", "three").contains("--stage must be a stage number"));
        assertTrue(run(dir, 1, "--aligner-utts", "many")
                .contains("--aligner-utts must be a whole number of utterances, got 'many'"));
    }
}
