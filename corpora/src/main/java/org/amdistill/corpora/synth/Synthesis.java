package org.amdistill.corpora.synth;

import java.util.List;
import org.amdistill.core.audio.AudioData;

/** A synthesised utterance: audio and, where the engine reports it, each phone's end time (seconds). */
public record Synthesis(AudioData audio, List<PhoneEnd> phones) {
    public record PhoneEnd(String phone, double end) {}
}
