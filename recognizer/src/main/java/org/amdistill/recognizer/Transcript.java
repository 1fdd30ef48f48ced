package org.amdistill.recognizer;

import java.util.List;

/**
 * What the recogniser heard: the words, each with its time in the audio and a confidence, and whether the search
 * ended in a final state (a result of {@link RecognizerStream#partial()} never does).
 */
public record Transcript(List<Word> timedWords, boolean reachedFinal, double audioSeconds) {
    /**
     * A word from {@code start} to {@code end} seconds (from the end of the previous word, any silence between them
     * included) with its confidence in 0..1 (see {@link org.amdistill.decoding.decoder.Decoder.Word}).
     */
    public record Word(String word, double start, double end, double confidence) {}

    public List<String> words() {
        return timedWords.stream().map(Word::word).toList();
    }

    /** The words separated by spaces (empty for silence). */
    public String text() {
        return String.join(" ", words());
    }
}
