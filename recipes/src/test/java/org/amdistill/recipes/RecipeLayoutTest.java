package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recipes' shape, as Kaldi's: each run.sh lists its stages in order, each stage calls steps/*.sh and marks itself
 * done; each step script, called with wrong arguments, prints a usage line and fails.
 */
class RecipeLayoutTest {
    static final Path RECIPES = Path.of("..").toAbsolutePath().normalize().resolve("recipes");
    private static final Pattern STAGE = Pattern.compile("^if run_stage (\\d+) (\\w+); then$");

    /** The stages of a run.sh, each {number, name, body}. */
    static List<String[]> stages(Path runSh) throws Exception {
        List<String[]> stages = new ArrayList<>();
        List<String> lines = Files.readAllLines(runSh);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = STAGE.matcher(lines.get(i));
            if (m.matches()) {
                StringBuilder body = new StringBuilder();
                for (i++; !lines.get(i).equals("fi"); i++) {
                    body.append(lines.get(i)).append('\n');
                }
                stages.add(new String[] {m.group(1), m.group(2), body.toString()});
            }
        }
        return stages;
    }

    @ParameterizedTest
    @ValueSource(strings = {"synth-digits:13", "timit:13", "librispeech:12"})
    void runShListsItsStagesEachCallingSteps(String recipeAndLast) throws Exception {
        String recipe = recipeAndLast.split(":")[0];
        int last = Integer.parseInt(recipeAndLast.split(":")[1]);
        List<String[]> stages = stages(RECIPES.resolve(recipe).resolve("run.sh"));
        assertEquals(last + 1, stages.size(), recipe + ": stages 0.." + last);
        for (int n = 0; n <= last; n++) {
            String[] s = stages.get(n);
            assertEquals(String.valueOf(n), s[0], recipe + ": stages in order");
            assertTrue(
                    Pattern.compile("(?m)^\\s+(\\[.*\\] \\|\\| )?steps/\\w+\\.sh ")
                            .matcher(s[2])
                            .find(),
                    recipe + " stage " + n + " calls no steps/*.sh:\n" + s[2]);
            assertTrue(
                    s[2].endsWith("  mark_done " + n + "-" + s[1] + "\n"),
                    recipe + " stage " + n + " ends with its mark:\n" + s[2]);
            assertTrue(
                    !s[2].contains("amd "),
                    recipe + " stage " + n + " runs amd itself rather than through a step:\n" + s[2]);
        }
    }

    static List<Path> stepScripts() throws Exception {
        try (Stream<Path> s = Files.list(RECIPES.resolve("steps"))) {
            return s.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("stepScripts")
    void aStepCalledWithWrongArgumentsPrintsItsUsage(Path step) throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("--no-such-option", "1", "a"))) {
            List<String> cmd = new ArrayList<>(List.of("bash", "steps/" + step.getFileName()));
            cmd.addAll(args);
            // run from a recipe directory, as run.sh does, with no amd on the PATH: the usage comes before any work
            Process p = new ProcessBuilder(cmd)
                    .directory(RECIPES.resolve("synth-digits").toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), step + " " + args + ":\n" + out);
            assertTrue(
                    out.lines().anyMatch(l -> l.startsWith("Usage: steps/" + step.getFileName() + " ")),
                    step + " " + args + ":\n" + out);
        }
    }
}
