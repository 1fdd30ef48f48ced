package org.amdistill.decoding.graph;

import java.nio.file.Path;
import org.amdistill.acoustic.AcousticModel;

/**
 * Finds the phone HMMs (pdf ids and transition probabilities) of an acoustic model: listed in
 * {@code META-INF/services/org.amdistill.decoding.graph.PhoneHmmsProvider}, so that the adapter from the acoustic
 * module's transition model plugs in without the decoder knowing it.
 */
public interface PhoneHmmsProvider {
    /** The model's phone HMMs, or null if this provider does not know this kind of model. */
    PhoneHmms find(AcousticModel model, Path modelFile, Path langDir);
}
