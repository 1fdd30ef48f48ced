package org.amdistill.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.DebianPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recipes/librispeech end to end with {@code --quick true} on a tiny LibriSpeech-shaped folder of synthesised digits
 * (FLAC through sox, trans.txt per chapter, SPEAKERS.TXT) and a lexicon of the digit words in CMU phones, through the
 * launcher jar; then a rerun, which must skip every stage.
 */
class LibrispeechRecipeIT {
    @Test
    void quickRunOnATinyLibrispeechAndARerunSkipsEveryStage(@TempDir Path tmp) throws Exception {
        DebianPackages.assume(CorpusFixtures.hasSox(), "sox", "it writes the FLAC fixtures");
        Path synth = tmp.resolve("synth");
        List<CorpusFixtures.Utt> utts =
                CorpusFixtures.synth(synth, "--num-utts=48", "--seed=7", "--dev-fraction=0.2", "--test-fraction=0.2");
        Map<String, String> sex = new TreeMap<>();
        List<String> voices = Files.readAllLines(synth.resolve("voices.csv"));
        List<String> header = List.of(voices.get(0).split(","));
        for (String l : voices.subList(1, voices.size())) {
            String[] f = l.split(",");
            sex.put(f[header.indexOf("voice")], f[header.indexOf("sex")]);
        }
        Path corpus = tmp.resolve("LibriSpeech");
        CorpusFixtures.librispeech(utts, corpus, sex);
        Path lexicon = tmp.resolve("librispeech-lexicon.txt");
        Files.writeString(lexicon, CorpusFixtures.DIGIT_LEXICON);
        Path dir = RecipeRuns.copyRecipe(tmp, "librispeech");

        assertTrue(QuickRecipeIT.run(dir, 1, "--corpus", corpus.toString()).contains("--lexicon FILE are required"));

        // --quick-test-utts cuts dev-clean and test-clean (about 10 utterances each here) as --quick does a real corpus
        String[] args = {
            "--corpus", corpus.toString(), "--lexicon", lexicon.toString(), "--quick", "true", "--quick-test-utts", "8"
        };
        RecipeRuns.timedRun(dir, "librispeech quick recipe", args);
        RecipeRuns.checkResults(dir, 2);
        for (String x : List.of("train_clean_100", "dev_clean", "test_clean")) {
            assertTrue(Files.exists(dir.resolve("data/" + x + "/feats.scp")), x);
        }
        assertEquals(
                8, Files.readAllLines(dir.resolve("data/test_clean/wav.scp")).size());
        assertTrue(Files.readString(dir.resolve("data/local/dict/lexicon.txt")).contains("SEVEN S EH1 V AH0 N"));
        assertTrue(Files.readString(dir.resolve("data/lang/lm.arpa")).contains("SEVEN"));

        RecipeRuns.checkRerunSkipsEverything(dir, 13, args);
    }
}
