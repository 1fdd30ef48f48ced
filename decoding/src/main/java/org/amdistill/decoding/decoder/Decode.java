package org.amdistill.decoding.decoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.acoustic.AcousticModel;
import org.amdistill.acoustic.AcousticModelLoader;
import org.amdistill.acoustic.ModelInput;
import org.amdistill.acoustic.PdfPriorOptions;
import org.amdistill.acoustic.hmm.HmmModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.Entry;
import org.amdistill.core.table.Matrix;
import org.amdistill.core.table.SequentialReader;
import org.amdistill.core.table.Transcripts;
import org.amdistill.dataprep.lang.LangDir;
import org.amdistill.decoding.graph.DecodingGraph;
import org.amdistill.decoding.graph.PhoneHmms;
import org.amdistill.decoding.graph.PhoneHmmsFile;
import org.amdistill.decoding.graph.PhoneHmmsProvider;
import org.amdistill.decoding.graph.Pronunciations;
import org.amdistill.decoding.graph.TransitionModelHmms;
import org.amdistill.decoding.lm.Arpa;
import org.amdistill.decoding.lm.NgramLm;
import org.amdistill.decoding.scoring.Score;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Decodes utterances with a hybrid acoustic model: best-path words per utterance as Kaldi text in OUTDIR/hyp.txt,
 * scored against the data directory's text when there is one, and optionally re-searched over a grid of LM weights
 * and insertion penalties (OUTDIR/scoring/penalty_WIP/LMWT.txt, then {@code score}'s wer_LMWT_WIP files).
 * The network runs once per utterance; only the search is repeated for the grid.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Viterbi beam-search decoding with a hybrid acoustic model: decode [options] --model=M --lang=L [--lm=ARPA] <feats-rspecifier|data-dir> <decode-dir>")
public final class Decode implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(Decode.class);
    /** Untimed passes over the first utterance before the network is timed, at most this many or this long. */
    static final int WARM_UP_PASSES = 1000;

    static final double WARM_UP_SECONDS = 2.0;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Option(
            names = "--model",
            required = true,
            description = "acoustic model file (any kind with an AcousticModelLoader)")
    Path model;

    @Option(names = "--lang", description = "Kaldi lang directory (lexicon, optional silence)")
    Path lang;

    @Option(names = "--lm", description = "ARPA n-gram LM (none: a flat word loop)")
    Path lm;

    @Option(
            names = "--phone-hmms",
            description = "phone HMM file (phone pdf,pdf,... selfloop,...) for a model that does not know its HMMs"
                    + " (models implementing HmmModel need none)")
    Path phoneHmmsFile;

    @Option(
            names = "--phone-recognition",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "words are phones: each word of the LM is a phone (phone loop weighted by a phone n-gram); no --lang needed")
    boolean phoneRecognition = false;

    @Option(
            names = "--sil-prob",
            description = "probability of optional silence between words (default: the lang directory's"
                    + " sil_prob.txt, else 0.5; no optional silence in phone recognition)")
    Double silProb;

    @Option(names = "--graph-dir", description = "where decoding graphs are cached (default: graph/ beside the model)")
    Path graphDir;

    @Option(names = "--num-threads", description = "utterances decoded in parallel (default: all cores)")
    int numThreads = Workers.allCores();

    @Option(names = "--frame-shift", description = "frame shift in seconds, for the real-time factor")
    double frameShift = 0.01;

    @Option(
            names = "--grid-lm-weights",
            split = ",",
            description = "LM weights (Kaldi's LMWT: acoustic scale 1/LMWT) to re-search, e.g. 7,8,...,17")
    List<Double> gridLmWeights = new ArrayList<>();

    @Option(names = "--grid-word-ins-penalties", split = ",", description = "word insertion penalties for the grid")
    List<Double> gridPenalties = new ArrayList<>(List.of(0.0));

    @Option(
            names = "--phone-map",
            description =
                    "for scoring: map file (from-symbol to-symbol, or from-symbol alone to delete), e.g. TIMIT 61->39")
    Path phoneMap;

    @Option(
            names = "--parallel-forward",
            arity = "0..1",
            fallbackValue = "true",
            description = "run the network's forward passes of several utterances at once (only for thread-safe models;"
                    + " DL4J networks are not, and use several cores per forward pass anyway)")
    boolean parallelForward = false;

    @Mixin
    DecoderOptions options = new DecoderOptions();

    @Mixin
    PdfPriorOptions priorOptions = new PdfPriorOptions();

    @Parameters(index = "0", paramLabel = "<feats-rspecifier|data-dir>")
    String input;

    @Parameters(index = "1", paramLabel = "<decode-dir>")
    Path outDir;

    /** Statistics of a run, for the caller and the tests. */
    public record Stats(
            int decoded,
            int failed,
            int partial,
            double audioSeconds,
            double wallSeconds,
            double forwardSeconds,
            double searchSeconds,
            double searchCpuSeconds) {
        public String rtfLine(int threads) {
            if (audioSeconds <= 0) {
                return "RTF n/a (no audio decoded)";
            }
            return String.format(
                    Locale.ROOT,
                    "RTF %.4f (wall clock, %d threads: %.2f s for %.2f s of audio); per core, after up to %d warm-up passes:"
                            + " network %.5f (%.3f s), search %.5f (%.3f s), total %.4f;"
                            + " search CPU time %.5f (%.3f s)",
                    wallSeconds / audioSeconds,
                    threads,
                    wallSeconds,
                    audioSeconds,
                    WARM_UP_PASSES,
                    forwardSeconds / audioSeconds,
                    forwardSeconds,
                    searchSeconds / audioSeconds,
                    searchSeconds,
                    (forwardSeconds + searchSeconds) / audioSeconds,
                    searchCpuSeconds / audioSeconds,
                    searchCpuSeconds);
        }

        private static final Pattern RTF_LINE =
                Pattern.compile("RTF \\S+ \\(wall clock, (\\d+) threads: (\\S+) s for (\\S+) s of audio\\);.*"
                        + " network \\S+ \\((\\S+) s\\), search \\S+ \\((\\S+) s\\), total \\S+"
                        + "(?:; search CPU time \\S+ \\((\\S+) s\\))?");

        /**
         * The times and audio of {@code parts}' {@link #rtfLine}s summed, as one line: the RTF of a decoding split
         * over jobs, whose wall clock is then the jobs' summed time (their threads each). The counts of utterances
         * are not in the lines, and are 0 here.
         */
        public static String mergedRtfLine(List<String> parts, String source) {
            double wall = 0;
            double audio = 0;
            double forward = 0;
            double search = 0;
            double searchCpu = 0;
            int threads = 1;
            for (String line : parts) {
                if (line.startsWith("RTF n/a")) {
                    continue;
                }
                Matcher m = RTF_LINE.matcher(line);
                if (!m.matches()) {
                    throw new AmdException(source + ": not an RTF line of decode: " + line);
                }
                threads = Integer.parseInt(m.group(1));
                wall += Double.parseDouble(m.group(2));
                audio += Double.parseDouble(m.group(3));
                forward += Double.parseDouble(m.group(4));
                search += Double.parseDouble(m.group(5));
                // a line of a decode that did not time the search's CPU counts its wall time
                searchCpu += Double.parseDouble(m.group(6) != null ? m.group(6) : m.group(5));
            }
            return new Stats(0, 0, 0, audio, wall, forward, search, searchCpu).rtfLine(threads);
        }
    }

    private Stats stats;

    public Stats stats() {
        return stats;
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        AcousticModel am = AcousticModelLoader.loadAny(model);
        NgramLm grammar = lm == null ? null : Arpa.read(lm);
        DecodingGraph graph = graph(am, grammar);
        Path inputDir = Files.isDirectory(Path.of(input)) ? Path.of(input) : null;
        String featsSpec = inputDir == null ? input : "scp:" + inputDir.resolve("feats.scp");
        Path refFile = inputDir != null && Files.exists(inputDir.resolve("text")) ? inputDir.resolve("text") : null;
        Files.createDirectories(outDir);
        Map<String, DecoderOptions> grid = grid();
        warnWordsMissingFromLm(new Decoder(graph, grammar, options));

        Run run = new Run(am, graph, grammar, grid);
        int threads = Math.max(1, numThreads);
        run.decodeAll(featsSpec, threads);
        if (run.hyps.isEmpty()) {
            throw new AmdException(
                    run.failed.get() == 0
                            ? featsSpec + ": no utterances to decode"
                            : "no utterance of " + featsSpec + " was decoded (" + run.failed.get()
                                    + " failed; see above)");
        }
        // the search time covers the main search and the grid; the RTF reports one search
        stats = new Stats(
                run.hyps.size(),
                run.failed.get(),
                run.partial.get(),
                run.frames.get() * frameShift,
                (System.nanoTime() - t0) / 1e9,
                run.forwardNanos.get() / 1e9,
                run.searchNanos.get() / 1e9 / (1 + grid.size()),
                run.searchCpuNanos.get() / 1e9 / (1 + grid.size()));
        run.writeHypotheses();
        if (refFile != null) {
            score(refFile, graph);
        }
        report(threads, run);
        return run.failed.get() == 0 && !run.hyps.isEmpty() ? 0 : 1;
    }

    /** The LM weight and insertion penalty grid: each point's options by its file under OUTDIR/scoring. */
    private Map<String, DecoderOptions> grid() {
        Map<String, DecoderOptions> grid = new LinkedHashMap<>();
        for (double lmwt : gridLmWeights) {
            for (double wip : gridPenalties) {
                DecoderOptions g = options.copy();
                g.acousticScale = 1.0 / lmwt;
                g.lmWeight = 1.0;
                g.wordInsPenalty = wip;
                grid.put("penalty_" + Score.penalty(wip) + "/" + Score.lmwt(lmwt) + ".txt", g);
            }
        }
        return grid;
    }

    private static void warnWordsMissingFromLm(Decoder probe) {
        List<String> missing = probe.wordsMissingFromLm();
        if (!missing.isEmpty()) {
            LOG.warn(
                    "{} lexicon words are not in the LM and cannot be recognised, e.g. {}",
                    missing.size(),
                    missing.subList(0, Math.min(5, missing.size())));
        }
    }

    private void score(Path refFile, DecodingGraph graph) throws IOException {
        warnOovs(Transcripts.read(refFile.toString()), graph);
        Files.createDirectories(outDir.resolve("scoring"));
        Files.copy(refFile, outDir.resolve("scoring/test_filt.txt"), StandardCopyOption.REPLACE_EXISTING);
        Score.scoreDirectory(outDir, null, phoneMap, System.out);
    }

    private void report(int threads, Run run) throws IOException {
        String rtf = stats.rtfLine(threads);
        System.err.println("LOG (decode) " + rtf);
        AtomicFiles.writeLines(outDir.resolve("rtf"), List.of(rtf));
        LOG.info(
                "Decoded {} utterances, {} failed, {} without a final state; {} active tokens per frame",
                run.hyps.size(),
                run.failed.get(),
                run.partial.get(),
                run.frames.get() == 0 ? 0 : run.activeTokenFrames.get() / run.frames.get());
        if (run.partial.get() > 0) {
            System.err.println("WARNING (decode) " + run.partial.get()
                    + " utterances reached no final state (best partial path used)");
        }
    }

    /** One decoding run: the network once per utterance, then the search at the options and at every grid point. */
    private final class Run {
        final AcousticModel am;
        final DecodingGraph graph;
        final NgramLm grammar;
        final Map<String, DecoderOptions> grid;
        final List<String> order = new ArrayList<>();
        final Map<String, List<String>> hyps = new ConcurrentHashMap<>();
        final Map<String, Map<String, List<String>>> gridHyps = new LinkedHashMap<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger partial = new AtomicInteger();
        final AtomicLong frames = new AtomicLong();
        final AtomicLong forwardNanos = new AtomicLong();
        final AtomicLong searchNanos = new AtomicLong();
        // the search's CPU time as well as its wall time: on a shared machine a decode's wall time counts the
        // time other processes held the core
        final AtomicLong searchCpuNanos = new AtomicLong();
        final AtomicLong activeTokenFrames = new AtomicLong();
        final PdfPriorOptions.HybridScores scores;

        Run(AcousticModel am, DecodingGraph graph, NgramLm grammar, Map<String, DecoderOptions> grid) {
            this.am = am;
            this.scores = priorOptions.hybridScores(am);
            this.graph = graph;
            this.grammar = grammar;
            this.grid = grid;
            grid.keySet().forEach(name -> gridHyps.put(name, new ConcurrentHashMap<>()));
        }

        /** Reads the features in order and decodes them on {@code threads} workers, at most two each in flight. */
        void decodeAll(String featsSpec, int threads) throws Exception {
            Semaphore inFlight = new Semaphore(threads * 2);
            List<Future<?>> futures = new ArrayList<>();
            try (Workers workers = Workers.start("decode", threads);
                    SequentialReader<Matrix> reader = SequentialReader.open(featsSpec, Codecs.MATRIX);
                    Progress progress = new Progress("decode", -1)) {
                for (Entry<Matrix> e : reader) {
                    String utt = e.key();
                    Matrix feats;
                    try {
                        feats = e.value();
                    } catch (AmdException ex) {
                        LOG.warn("utterance {}: {}", utt, ex.getMessage());
                        failed.incrementAndGet();
                        continue;
                    }
                    // a dimension the model does not take fails every utterance alike: stop before any work
                    ModelInput.checkDim(am.featureDim(), feats.cols(), "utterance '" + utt + "' of " + featsSpec);
                    if (order.isEmpty() && feats.rows() > 0 && ModelInput.isFinite(feats)) {
                        warmUp(feats);
                    }
                    order.add(utt);
                    inFlight.acquire();
                    futures.add(workers.submit(() -> {
                        try {
                            decodeOne(utt, feats);
                        } finally {
                            inFlight.release();
                            progress.advance(1);
                        }
                    }));
                }
                Workers.awaitAll(futures);
            }
        }

        /**
         * Untimed passes first, so that the network RTF is the steady state of a decoder that runs for hours: the
         * first pass loads native code, and until the JIT has compiled the Java around each native call a pass takes
         * longer; a small network makes few calls per pass, so it takes many passes (student against ensemble over
         * the test set after N passes over one utterance: 10, 14.6 %; 100, 11.7 %; 1,000, 9.9 %; 5,000, 9.7 %; the
         * benchmark, 9.3 %).
         */
        private void warmUp(Matrix feats) {
            long w0 = System.nanoTime();
            synchronized (am) {
                for (int pass = 0; pass < WARM_UP_PASSES && System.nanoTime() - w0 < WARM_UP_SECONDS * 1e9; pass++) {
                    scores.logLikelihoods(am, feats);
                }
            }
        }

        private void decodeOne(String utt, Matrix feats) {
            try {
                Matrix ll = forward(ModelInput.check(am, utt, feats));
                long s0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                Decoder main = new Decoder(graph, grammar, options);
                Decoder.Result r = main.decode(ll, utt);
                activeTokenFrames.addAndGet(main.activeTokenFrames());
                if (!r.reachedFinal()) {
                    partial.incrementAndGet();
                    LOG.warn("utterance {}: no final state reached; output is the best partial path", utt);
                }
                hyps.put(utt, r.words());
                for (Map.Entry<String, DecoderOptions> point : grid.entrySet()) {
                    gridHyps.get(point.getKey())
                            .put(
                                    utt,
                                    new Decoder(graph, grammar, point.getValue())
                                            .decode(ll, utt)
                                            .words());
                }
                searchNanos.addAndGet(System.nanoTime() - s0);
                searchCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - c0);
                frames.addAndGet(ll.rows());
            } catch (AmdException ex) {
                LOG.warn(
                        "{}",
                        ex.getMessage().startsWith("utterance ")
                                ? ex.getMessage()
                                : "utterance " + utt + ": " + ex.getMessage());
                failed.incrementAndGet();
            }
        }

        /** The network's pass, timed without the wait for the model's lock. */
        private Matrix forward(Matrix feats) {
            if (parallelForward) {
                long f0 = System.nanoTime();
                Matrix ll = scores.logLikelihoods(am, feats);
                forwardNanos.addAndGet(System.nanoTime() - f0);
                return ll;
            }
            synchronized (am) { // DL4J networks are not safe for concurrent forward passes
                long f0 = System.nanoTime();
                Matrix ll = scores.logLikelihoods(am, feats);
                forwardNanos.addAndGet(System.nanoTime() - f0);
                return ll;
            }
        }

        void writeHypotheses() throws IOException {
            Transcripts.write(outDir.resolve("hyp.txt"), order, hyps);
            for (Map.Entry<String, Map<String, List<String>>> point : gridHyps.entrySet()) {
                Transcripts.write(outDir.resolve("scoring").resolve(point.getKey()), order, point.getValue());
            }
        }
    }

    private DecodingGraph graph(AcousticModel am, NgramLm grammar) throws IOException {
        PhoneHmms hmms = null;
        if (phoneHmmsFile != null) {
            hmms = PhoneHmmsFile.read(phoneHmmsFile);
        } else if (am instanceof HmmModel hm) {
            hmms = new TransitionModelHmms(hm);
        } else {
            for (PhoneHmmsProvider p : ServiceLoader.load(PhoneHmmsProvider.class)) {
                hmms = p.find(am, model, lang);
                if (hmms != null) {
                    break;
                }
            }
        }
        if (hmms == null) {
            throw new AmdException(
                    "model " + model
                            + ": its phone HMMs are unknown (no PhoneHmmsProvider for this model kind); give --phone-hmms=FILE");
        }
        if (hmms.numPdfs() > am.numPdfs()) {
            throw new AmdException("the phone HMMs use " + hmms.numPdfs() + " pdfs but model " + model + " scores "
                    + am.numPdfs() + ": the HMMs and the model's state inventory do not match");
        }
        DecodingGraph.Spec spec;
        if (phoneRecognition) {
            if (grammar == null) {
                throw new AmdException(
                        "--phone-recognition needs --lm (a phone n-gram, e.g. train-lm --order=2 on phone transcripts)");
            }
            List<Pronunciations.Entry> es = new ArrayList<>();
            List<String> noHmm = new ArrayList<>();
            for (String w : grammar.vocabulary()) {
                if (w.equals(NgramLm.BOS) || w.equals(NgramLm.EOS)) {
                    continue;
                }
                if (hmms.hmm(w) == null) {
                    noHmm.add(w); // e.g. <unk>: the model cannot produce it
                    continue;
                }
                es.add(new Pronunciations.Entry(w, 1.0, List.of(w)));
            }
            if (!noHmm.isEmpty()) {
                LOG.warn(
                        "phone recognition: {} LM symbols have no HMM in the model and are left out: {}",
                        noHmm.size(),
                        noHmm.subList(0, Math.min(10, noHmm.size())));
            }
            spec = new DecodingGraph.Spec(new Pronunciations(es), hmms, null, 0);
        } else {
            if (lang == null) {
                throw new AmdException("--lang is required (or --phone-recognition)");
            }
            spec = WordGraphs.spec(
                    LangDir.read(lang), hmms, silProb, am instanceof HmmModel hm && phoneHmmsFile == null ? hm : null);
        }
        Path dir =
                graphDir != null ? graphDir : model.toAbsolutePath().getParent().resolve("graph");
        return DecodingGraph.cached(spec, dir);
    }

    /** Reference words the graph cannot produce are errors whatever the model does: name them. */
    static int warnOovs(Map<String, List<String>> refs, DecodingGraph graph) {
        Set<String> known = graph.wordIndex().keySet();
        Map<String, String> firstSeen = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, List<String>> e : refs.entrySet()) {
            for (String w : e.getValue()) {
                if (!known.contains(w)) {
                    count++;
                    firstSeen.putIfAbsent(w, e.getKey());
                }
            }
        }
        if (count > 0) {
            List<String> examples = new ArrayList<>();
            for (Map.Entry<String, String> e : firstSeen.entrySet()) {
                if (examples.size() < 10) {
                    examples.add("'" + e.getKey() + "' (utterance " + e.getValue() + ")");
                }
            }
            LOG.warn(
                    "{} reference words ({} distinct) are not in the lexicon and count as errors: {}",
                    count,
                    firstSeen.size(),
                    String.join(", ", examples));
        }
        return count;
    }
}
