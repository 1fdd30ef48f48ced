package org.amdistill.corpora.synth;

import java.util.Locale;

/**
 * One synthetic speaker: an engine, its voice name and variant. {@link #id()} is the Kaldi speaker id (utterance
 * ids start with it); {@code split} is where the voice's utterances go (train, dev or test), so that test voices
 * never occur in training.
 */
public record Voice(String engine, String name, String variant, char sex, String split) {
    public String id() {
        String v = (engine + "-" + name + (variant.isEmpty() ? "" : "-" + variant)).toLowerCase(Locale.ROOT);
        return v.replaceAll("[^a-z0-9]+", "-");
    }
}
