package org.amdistill.decoding.decoder;

import picocli.CommandLine.Option;

/** The search's options, with Kaldi's names and defaults (decoder/simple-decoder, gmm-latgen-faster). */
public final class DecoderOptions {
    @Option(names = "--beam", description = "Decoding beam: tokens this far (in log score) below the best are dropped")
    public double beam = 16.0;

    @Option(names = "--max-active", description = "Decoder max active states (the worst are dropped beyond this)")
    public int maxActive = 7000;

    @Option(names = "--acoustic-scale", description = "Scaling factor for acoustic likelihoods")
    public double acousticScale = 0.1;

    @Option(
            names = "--lm-weight",
            description = "Scale of the n-gram LM's log probabilities (relative to the rest of the graph)")
    public double lmWeight = 1.0;

    @Option(names = "--word-ins-penalty", description = "Penalty (in graph log units) subtracted for each word")
    public double wordInsPenalty = 0.0;

    @Option(
            names = "--lm-look-ahead",
            arity = "1",
            description = "Unigram LM look-ahead in the prefix tree: a token carries the best unigram score of the"
                    + " words it can still end in, so the beam prunes by the LM long before a word's end (a"
                    + " potential: the best path of an unpruned search is the same with or without it)")
    public boolean lmLookAhead = true;

    public DecoderOptions copy() {
        DecoderOptions o = new DecoderOptions();
        o.beam = beam;
        o.maxActive = maxActive;
        o.acousticScale = acousticScale;
        o.lmWeight = lmWeight;
        o.wordInsPenalty = wordInsPenalty;
        o.lmLookAhead = lmLookAhead;
        return o;
    }
}
