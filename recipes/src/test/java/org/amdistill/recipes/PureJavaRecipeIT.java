package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick synth-digits recipe on the path a machine with only a JDK and Maven takes: FreeTTS's voices
 * ({@code --tts-engines freetts}) and the lexicon from the jar, run with a PATH from which Debian's TTS and audio
 * programs are hidden, so that nothing on it can come from a system package even where they are installed.
 */
class PureJavaRecipeIT {
    /** Programs of Debian's flite, espeak-ng, sox and sphinxbase-utils packages. */
    static final Set<String> HIDDEN =
            Set.of("flite", "t2p", "espeak-ng", "espeak", "sox", "soxi", "play", "rec", "sphinx_lm_convert");

    /** A directory of links to every program on the PATH but {@link #HIDDEN}'s (the first of each name, as the shell finds it). */
    static Path pathWithoutTtsPackages(Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            if (dir.isEmpty() || !Files.isDirectory(Path.of(dir))) {
                continue;
            }
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    boolean hidden = HIDDEN.contains(name) || name.startsWith("flite_") || name.startsWith("espeak");
                    if (!hidden && Files.notExists(bin.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), p);
                    }
                }
            }
        }
        return bin;
    }

    @Test
    void quickRunOnFreettsAloneReachesItsResultsAndSaysSo(@TempDir Path tmp) throws Exception {
        Path dir = QuickRecipeIT.copyRecipe(tmp);
        String path = pathWithoutTtsPackages(tmp).toString();
        long t0 = System.nanoTime();
        String out = QuickRecipeIT.runOnPath(dir, path, 0, "--quick", "true", "--tts-engines", "freetts");
        System.out.printf("pure-Java quick recipe: %.1f minutes%n%s%n", (System.nanoTime() - t0) / 60e9, out);
        assertFalse(out.contains("apt-get"), "nothing to install on the pure-Java path: " + out);
        List<String> voices = Files.readAllLines(dir.resolve("data/voices.csv"));
        assertEquals(5, voices.size(), "FreeTTS's 4 speakers: " + voices);
        assertTrue(voices.stream().skip(1).allMatch(l -> l.split(",")[1].equals("freetts")), voices.toString());
        // the aligner's sentences need the lexicon of 246 words that once came from flite's t2p or pocketsphinx's
        // CMUdict
        assertTrue(Files.readString(dir.resolve("data/local/dict_aligner/lexicon.txt"))
                .contains("\ngarage G ER AA ZH\n"));
        RecipeRuns.checkResults(dir, 2);
        String results = Files.readString(dir.resolve("exp/RESULTS.md"));
        assertTrue(results.contains("**Pure-Java path: FreeTTS voices only.**"), results);
        assertTrue(results.contains("Synthetic corpus of 4 voices from freetts"), results);
        assertTrue(Files.readString(dir.resolve("exp/report.html")).contains("Pure-Java path: FreeTTS voices only."));
        assertFalse(
                Files.exists(dir.resolve("exp/mono/boundary_accuracy.txt"))
                        && Files.size(dir.resolve("exp/mono/boundary_accuracy.txt")) > 0,
                "no TTS phone timings to score alignments against");
    }
}
