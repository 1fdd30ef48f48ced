package org.amdistill.recognizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amdistill.core.audio.AudioData;
import org.amdistill.frontend.Cmvn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecognizerTest {
    Path dir;
    Fixture fx;
    Recognizer sliding;
    Recognizer perUtterance;

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        dir = tmp;
        fx = new Fixture(dir);
        sliding = Recognizer.load(fx.pack(fx.model("sliding", Cmvn.Mode.SLIDING), "sliding"));
        perUtterance = Recognizer.load(fx.pack(fx.model("mean_var", Cmvn.Mode.MEAN_VAR), "mean_var"));
    }

    /** The utterance streamed in chunks of random sizes (zero included), a partial result asked for after each. */
    static Transcript streamed(Recognizer r, String utt, float[] x, Random rnd, List<String> partials) {
        try (RecognizerStream s = r.stream(utt)) {
            int at = 0;
            while (at < x.length) {
                int n = rnd.nextInt(6) == 0 ? 0 : Math.min(x.length - at, 1 + rnd.nextInt(4000));
                s.accept(x, at, n);
                at += n;
                partials.add(s.partial().text());
            }
            return s.finish();
        }
    }

    @Test
    void streamingInRandomChunksGivesTheWholeUtterancesWordsTimesAndConfidences() {
        Random rnd = new Random(3);
        int nonEmpty = 0;
        int withPartials = 0;
        for (Recognizer r : List.of(sliding, perUtterance)) {
            for (Map.Entry<String, AudioData> u : fx.utterances.entrySet()) {
                float[] x = u.getValue().channel(0);
                Transcript whole = r.recognize(u.getKey(), x, 16000);
                List<String> partials = new ArrayList<>();
                Transcript chunked = streamed(r, u.getKey(), x, rnd, partials);
                assertEquals(whole.timedWords(), chunked.timedWords(), u.getKey());
                assertTrue(whole.reachedFinal());
                nonEmpty += whole.words().isEmpty() ? 0 : 1;
                if (r == perUtterance) {
                    assertTrue(
                            partials.stream().allMatch(String::isEmpty), "per-utterance CMVN: nothing before the end");
                } else if (!partials.stream().allMatch(String::isEmpty)) {
                    withPartials++;
                }
                for (Transcript.Word w : whole.timedWords()) {
                    assertTrue(
                            w.start() >= 0 && w.start() < w.end() && w.end() <= whole.audioSeconds() + 0.01,
                            w.toString());
                    assertTrue(w.confidence() > 0 && w.confidence() <= 1, w.toString());
                }
            }
        }
        assertTrue(nonEmpty >= 10, "the test set's words: " + nonEmpty + " of 18 non-empty");
        assertTrue(
                withPartials >= 4,
                "sliding CMVN: words before the end of the audio in " + withPartials + " of 9 utterances");
    }

    @Test
    void streamsOfOneRecognizerInParallelThreadsGiveTheSameWords() throws Exception {
        Map<String, List<String>> serial = new LinkedHashMap<>();
        fx.utterances.forEach((k, a) ->
                serial.put(k, sliding.recognize(k, a.channel(0), 16000).words()));
        Map<String, List<String>> parallel = new java.util.concurrent.ConcurrentHashMap<>();
        fx.utterances.entrySet().parallelStream()
                .forEach(e -> parallel.put(
                        e.getKey(),
                        streamed(
                                        sliding,
                                        e.getKey(),
                                        e.getValue().channel(0),
                                        new Random(e.getKey().hashCode()),
                                        new ArrayList<>())
                                .words()));
        assertEquals(
                serial,
                new LinkedHashMap<>(
                        serial.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k, parallel::get))));
    }

    @Test
    void emptyAndSilentAudioGiveNoWordsOrSilenceWithoutError() {
        Transcript empty = sliding.recognize(new float[0], 16000);
        assertTrue(empty.words().isEmpty());
        assertTrue(empty.reachedFinal(), "no frames: the start is final (an empty sentence)");
        assertEquals(0.0, empty.audioSeconds());
        Transcript tooShort = sliding.recognize(new float[200], 16000);
        assertTrue(tooShort.words().isEmpty(), "shorter than one frame: no frames, no words");
        Transcript silent = sliding.recognize(new float[16000], 16000);
        assertTrue(
                silent.reachedFinal(), "a second of digital silence (dither keeps the log filterbank finite) decodes");
    }

    @Test
    void audioAtAnotherRateIsResampled() {
        AudioData a = fx.utterances.get("slt_digits");
        float[] at8k = org.amdistill.core.audio.Resampler.resample(a.channel(0), 16000, 8000);
        Transcript t = sliding.recognize("slt_8k", at8k, 8000);
        assertTrue(t.audioSeconds() > 1.7 && t.audioSeconds() < 1.9, "resampled to 16 kHz: " + t.audioSeconds() + " s");
        assertThrows(org.amdistill.core.cli.AmdException.class, () -> sliding.recognize(at8k, 0));
    }

    @Test
    void aStreamTakesNoAudioAfterFinishAndFinishingTwiceGivesTheSameResult() {
        RecognizerStream s = sliding.stream();
        s.accept(new float[0]);
        s.accept(fx.utterances.get("espeak_digits").channel(0));
        Transcript t = s.finish();
        assertEquals(t, s.finish());
        assertEquals(t, s.partial());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.accept(new float[10]));
        assertEquals("utterance stream: audio given to a stream after finish()", e.getMessage());
        RecognizerStream closed = sliding.stream();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.accept(new float[10]));
    }
}
