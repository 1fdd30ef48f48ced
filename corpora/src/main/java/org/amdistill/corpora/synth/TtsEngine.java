package org.amdistill.corpora.synth;

import java.io.IOException;
import java.util.List;

/** A text-to-speech engine driven for the synthetic corpus. */
public interface TtsEngine {
    String name();

    /** Whether the engine can run here (its program is installed). */
    boolean available();

    /** The voices this engine offers for the corpus, each with its split. */
    List<Voice> voices();

    /**
     * Speaks {@code text} with {@code voice}; {@code rate} scales the speaking rate (1 = the voice's default) and
     * {@code pitch} its mean pitch (1 = default).
     */
    Synthesis synthesize(Voice voice, String text, double rate, double pitch) throws IOException;
}
