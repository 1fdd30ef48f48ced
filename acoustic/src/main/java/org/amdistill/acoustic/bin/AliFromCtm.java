package org.amdistill.acoustic.bin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.align.AlignmentImport;
import org.amdistill.acoustic.align.AlignmentWriter;
import org.amdistill.acoustic.align.CtmAligner;
import org.amdistill.acoustic.align.FrameTimingOptions;
import org.amdistill.acoustic.align.ViterbiAligner;
import org.amdistill.acoustic.align.ViterbiOptions;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.acoustic.hmm.HmmStateInventory;
import org.amdistill.acoustic.hmm.TransitionModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.dataprep.lang.LangDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * State alignments from phone timings (TIMIT's hand labels, a TTS engine's phone timings): each phone keeps the
 * CTM's frames, its HMM states are placed by Viterbi with {@code --model}'s scores inside them, or equally without a
 * model. Writes the same alignment directory as {@code align}, so {@code train-dnn} takes it as it is.
 */
@Command(
        name = "ali-from-ctm",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "State alignment inside the phone boundaries of a phone CTM; writes <ali-dir>/ali.1.ark (pdf ids), ali.ctm, unaligned.txt: "
                        + "ali-from-ctm [options] --lang=DIR [--model=MDL] <phone-ctm> <data-dir> <ali-dir>")
public final class AliFromCtm implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(AliFromCtm.class);

    @Option(names = "--lang", required = true, description = "Lang directory (its phones.txt names the CTM's phones)")
    Path lang;

    @Option(
            names = "--model",
            description =
                    "Model that scores HMM states (GMM or DNN); without it, each phone's frames are split equally among its states")
    Path model;

    @Mixin
    ViterbiOptions viterbi = new ViterbiOptions();

    @Mixin
    FrameTimingOptions frameTiming = new FrameTimingOptions();

    @Option(names = "--num-threads", description = "Utterances aligned in parallel")
    int numThreads = Workers.allCores();

    @Parameters(index = "0", paramLabel = "<phone-ctm>")
    Path ctm;

    @Parameters(index = "1", paramLabel = "<data-dir>")
    Path data;

    @Parameters(index = "2", paramLabel = "<ali-dir>")
    Path out;

    private record Done(String utt, ViterbiAligner.Alignment ali, List<String> warnings) {}

    @Override
    public Integer call() throws Exception {
        LangDir l = LangDir.read(lang);
        HmmStateInventory inv = HmmStateInventory.fromLang(l);
        AcousticModel m = loadModel(inv);
        TransitionModel tm = m instanceof HmmModel hm ? hm.transitions() : new TransitionModel(inv);
        Path feats = data.resolve("feats.scp");
        if (!Files.exists(feats)) {
            throw new AmdException("data directory " + data + " has no feats.scp (run compute-fbank-feats first)");
        }
        Map<String, List<CtmAligner.Segment>> segs =
                CtmAligner.readCtm(ctm, inv, lang.resolve("phones.txt").toString());
        CtmAligner ca =
                new CtmAligner(tm, m == null ? null : viterbi.aligner(), l.optionalSilence, frameTiming.timing());
        CtmAligner.Repairs rep = new CtmAligner.Repairs();
        Map<String, ViterbiAligner.Alignment> ali = new TreeMap<>();
        TreeSet<String> failed = new TreeSet<>();
        Set<String> seen = alignAll(feats, segs, ca, m, rep, ali, failed);
        warnOfCtmUtterancesWithoutFeatures(segs, seen, feats);
        if (ali.isEmpty()) {
            throw new AmdException("no utterance of " + feats + " has phones in " + ctm);
        }
        AlignmentWriter.write(out, ali, new ArrayList<>(failed), frameTiming.timing());
        LOG.info(
                "Aligned {} utterances inside their CTM phones ({}); {} without phones in the CTM (listed in {}); padded {} ({} frames), cut {}, "
                        + "{} holes filled, {} phones under half a frame dropped, {} phones shorter than their HMM, {} Viterbi failures",
                ali.size(),
                m == null ? "equal split" : "Viterbi with " + model,
                failed.size(),
                out.resolve("unaligned.txt"),
                rep.padded,
                rep.padFrames,
                rep.truncated,
                rep.gaps,
                rep.droppedPhones,
                rep.shortPhones,
                rep.viterbiFailures);
        return 0;
    }

    /** The --model, checked against the lang directory's states; null without one (phones split equally). */
    private AcousticModel loadModel(HmmStateInventory inv) throws Exception {
        if (model == null) {
            return null;
        }
        AcousticModel m = AcousticModelLoader.loadAny(model);
        if (m instanceof HmmModel hm) {
            if (!inv.sameAs(hm.inventory())) {
                throw new AmdException(
                        "lang directory " + lang + " gives a different HMM state inventory from model " + model);
            }
        } else if (m.numPdfs() != inv.numPdfs()) {
            throw new AmdException("model " + model + " scores " + m.numPdfs() + " states, lang directory " + lang
                    + " has " + inv.numPdfs());
        }
        return m;
    }

    /**
     * Aligns every utterance of {@code feats} that has CTM phones, in parallel, into {@code ali} (in order); those
     * without phones or whose features do not read go to {@code failed}. Returns the utterances of {@code feats}.
     */
    private Set<String> alignAll(
            Path feats,
            Map<String, List<CtmAligner.Segment>> segs,
            CtmAligner ca,
            AcousticModel scorer,
            CtmAligner.Repairs rep,
            Map<String, ViterbiAligner.Alignment> ali,
            Set<String> failed)
            throws Exception {
        Set<String> seen = new TreeSet<>();
        int threads = Math.max(1, numThreads);
        ArrayDeque<Future<Done>> inFlight = new ArrayDeque<>();
        try (Workers pool = Workers.start("ali-from-ctm", threads);
                SequentialReader<Matrix> r = SequentialReader.open("scp:" + feats, Codecs.MATRIX)) {
            for (Entry<Matrix> e : r) {
                String utt = e.key();
                seen.add(utt);
                List<CtmAligner.Segment> us = segs.get(utt);
                if (us == null) {
                    LOG.warn("Utterance {} has no phones in {}: skipped", utt, ctm);
                    failed.add(utt);
                    continue;
                }
                Matrix f;
                try {
                    f = e.value();
                } catch (AmdException ex) {
                    LOG.warn("{}", ex.getMessage());
                    failed.add(utt);
                    continue;
                }
                inFlight.add(pool.submit(() -> {
                    CtmAligner.Repairs mine = new CtmAligner.Repairs();
                    List<String> w = new ArrayList<>();
                    ViterbiAligner.Alignment a =
                            ca.align(utt, us, f.rows(), scorer == null ? null : scorer.logLikelihoods(f), ctm, mine, w);
                    rep.add(mine);
                    return new Done(utt, a, w);
                }));
                while (inFlight.size() > 2 * threads) {
                    collect(inFlight.poll(), ali);
                }
            }
            while (!inFlight.isEmpty()) {
                collect(inFlight.poll(), ali);
            }
        }
        return seen;
    }

    private void warnOfCtmUtterancesWithoutFeatures(
            Map<String, List<CtmAligner.Segment>> segs, Set<String> seen, Path feats) {
        List<String> noFeats = new ArrayList<>();
        for (String utt : segs.keySet()) {
            if (!seen.contains(utt)) {
                noFeats.add(utt);
            }
        }
        if (!noFeats.isEmpty()) {
            LOG.warn(
                    "{} utterances of {} have no features in {}: {}",
                    noFeats.size(),
                    ctm,
                    feats,
                    AlignmentImport.preview(noFeats));
        }
    }

    private static void collect(Future<Done> f, Map<String, ViterbiAligner.Alignment> ali) throws Exception {
        Done d;
        try {
            d = f.get();
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw ex;
        }
        for (String w : d.warnings()) {
            LOG.warn("Utterance {}: {}", d.utt(), w);
        }
        ali.put(d.utt(), d.ali());
    }
}
