package org.amdistill.corpora.synth;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.Resampler;
import org.amdistill.core.audio.WavWriter;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.dataprep.datadir.DataDir;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The embedded default corpus: every installed TTS voice (FreeTTS always; flite and espeak-ng when installed; or the
 * engines of --engines), pronounced by the {@link CmuLexicon} that comes with the FreeTTS jar,
 * each utterance with a drawn voice, rate and pitch, then speed perturbation, reverberation and noise. Splits are
 * by voice: test and dev voices never occur in training. Deterministic for a seed.
 */
@Command(
        name = "synth-corpus",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Make a synthetic multi-voice corpus (Kaldi data dirs train/dev/test, local/dict, WAVs, phone CTMs, manifest.csv): synth-corpus [options] <out-dir>")
public final class SynthCorpus implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SynthCorpus.class);
    static final double RATE = 16000;

    @Option(names = "--task", description = "digits | sentences")
    Task task = Task.DIGITS;

    @Option(
            names = "--num-utts",
            description = "Number of utterances over all splits (with --dev-utts and --test-utts: "
                    + "of the training split alone)")
    int numUtts = 3000;

    @Option(names = "--seed", description = "Random seed: the same seed gives the same audio bytes")
    long seed = 1;

    @Option(names = "--dev-fraction", description = "Share of utterances spoken by the dev voices")
    double devFraction = 0.1;

    @Option(names = "--test-fraction", description = "Share of utterances spoken by the test voices")
    double testFraction = 0.1;

    @Option(
            names = "--engines",
            split = ",",
            description = "Use only these TTS engines (freetts, flite, espeak-ng); default every installed one. "
                    + "freetts alone is the pure-Java corpus that needs no system package")
    List<String> onlyEngines;

    @Option(
            names = "--dev-utts",
            description = "Number of dev utterances, instead of --dev-fraction (with --test-utts): "
                    + "the test sets are sized apart from training, as only decoding and scoring read them")
    int devUtts = -1;

    @Option(
            names = "--test-utts",
            description = "Number of test utterances, instead of --test-fraction (with --dev-utts)")
    int testUtts = -1;

    @Option(
            names = "--voices",
            split = ",",
            description =
                    "Use only these voices (speaker ids as in manifest.csv, e.g. flite-slt); default all installed")
    List<String> onlyVoices;

    @Option(
            names = "--snrs",
            split = ",",
            description = "SNRs in dB to draw from; 'clean' for no noise (Aurora-2's set)")
    List<String> snrs = List.of("clean", "20", "15", "10", "5", "0");

    @Option(names = "--noise-types", split = ",", description = "Noise types to draw from: white, pink, babble")
    List<NoiseType> noiseTypes = List.of(NoiseType.WHITE, NoiseType.PINK, NoiseType.BABBLE);

    @Option(names = "--reverb-prob", description = "Probability of reverberation (synthetic room impulse response)")
    double reverbProb = 0.3;

    @Option(names = "--rt60", split = ",", description = "Range of reverberation times, seconds (min,max)")
    List<Double> rt60 = List.of(0.2, 0.6);

    @Option(
            names = "--speeds",
            split = ",",
            description = "Speed perturbation factors to draw from (Kaldi's 0.9,1.0,1.1)")
    List<Double> speeds = List.of(0.9, 1.0, 1.1);

    @Option(names = "--rate-range", split = ",", description = "Speaking-rate factor range (min,max)")
    List<Double> rateRange = List.of(0.85, 1.2);

    @Option(names = "--pitch-range", split = ",", description = "Pitch factor range (min,max)")
    List<Double> pitchRange = List.of(0.85, 1.2);

    @Option(names = "--oov-word", description = "Word for out-of-vocabulary words instead of an error")
    String oovWord;

    @Option(
            names = "--first-index",
            description = "Number of the first utterance (utterance ids are <voice>-<index>): a second corpus "
                    + "from the same voices, such as a transfer set, starts past the first one's ids")
    int firstIndex = 0;

    @Option(names = "--num-threads", description = "Utterances synthesised in parallel")
    int numThreads = Workers.allCores();

    @Parameters(index = "0", paramLabel = "<out-dir>")
    Path outDir;

    enum NoiseType {
        WHITE,
        PINK,
        BABBLE
    }

    record Plan(int index, String utt, Voice voice, String text, double rate, double pitch) {}

    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    record Utt(Plan plan, float[] clean, List<Synthesis.PhoneEnd> phones) {}

    /** Utterances of the corpus: --num-utts, plus dev and test when they are sized apart. */
    private int total() {
        return devUtts >= 0 ? numUtts + devUtts + testUtts : numUtts;
    }

    static long mix(long seed, long i, long salt) {
        long h = seed * 0x9E3779B97F4A7C15L + i * 0xC2B2AE3D27D4EB4FL + salt;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    static List<TtsEngine> engines() {
        return List.of(new FreeTtsEngine(), new FliteEngine(), new EspeakEngine());
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        Map<String, TtsEngine> byVoice = new LinkedHashMap<>();
        List<Voice> voices = selectVoices(byVoice);
        LOG.info(
                "Voices: {}",
                voices.stream().map(v -> v.id() + "(" + v.split() + ")").toList());
        Map<String, String> lexicon = task.lexicon(oovWord);
        List<Plan> plans = plan(voicesBySplit(voices));

        Path tmp = outDir.toAbsolutePath().resolveSibling("." + outDir.getFileName() + ".tmp");
        deleteRecursively(tmp);
        Files.createDirectories(tmp.resolve("wav"));
        Utt[] utts;
        try (Workers workers = Workers.start("synth-corpus", numThreads)) {
            utts = synthesise(plans, byVoice, workers);
            // Augment and write (parallel; babble draws on other utterances' clean audio).
            String[][] rows = new String[total()][];
            double[] durations = new double[total()];
            List<String>[] ctms = new List[total()];
            try (Progress progress = new Progress("synth-corpus: augmenting and writing", total())) {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < total(); i++) {
                    final int idx = i;
                    fs.add(workers.submit(() -> {
                        augmentAndWrite(utts, idx, tmp, rows, durations, ctms);
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                    progress.advance(1);
                }
            }
            writeCorpus(tmp, utts, rows, durations, ctms, lexicon, voices);
        } catch (Exception e) {
            deleteRecursively(tmp);
            throw e;
        }
        moveIntoPlace(tmp);
        double hours = 0;
        for (Utt u : utts) {
            hours += u.clean.length / RATE / 3600;
        }
        LOG.info(
                "Wrote {} utterances ({} voices, {} h of clean speech) to {}",
                total(),
                voices.size(),
                String.format(Locale.ROOT, "%.2f", hours),
                outDir);
        return 0;
    }

    /** Options checked before any synthesis, and an output directory that is new or empty. */
    private void checkOptions() throws IOException {
        if (numUtts <= 0 || firstIndex < 0) {
            throw new AmdException(
                    "--num-utts must be > 0 and --first-index >= 0, got " + numUtts + " and " + firstIndex);
        }
        if ((devUtts < 0) != (testUtts < 0)) {
            throw new AmdException("--dev-utts and --test-utts size the test sets together: give both or neither");
        }
        for (String snr : snrs) {
            checkSnr(snr);
        }
        if (Files.exists(outDir)) {
            try (Stream<Path> entries = Files.list(outDir)) {
                if (entries.findAny().isPresent()) {
                    throw new AmdException("output directory " + outDir + " exists and is not empty; remove it first");
                }
            }
        }
    }

    /** An SNR is checked before any synthesis: a typo must not cost the whole run. */
    private static void checkSnr(String snr) {
        if (snr.equals("clean")) {
            return;
        }
        try {
            Double.parseDouble(snr);
        } catch (NumberFormatException e) {
            throw new AmdException("--snrs: '" + snr + "' is neither 'clean' nor a number of dB");
        }
    }

    /** The selected voices of the installed engines, in engine order; {@code byVoice} gets each one's engine. */
    private List<Voice> selectVoices(Map<String, TtsEngine> byVoice) {
        List<Voice> voices = new ArrayList<>();
        for (TtsEngine e : selectedEngines()) {
            for (Voice v : e.voices()) {
                if (onlyVoices == null || onlyVoices.contains(v.id())) {
                    voices.add(v);
                    byVoice.put(v.id(), e);
                }
            }
        }
        if (onlyVoices != null) {
            for (String v : onlyVoices) {
                if (!byVoice.containsKey(v)) {
                    throw new AmdException("unknown or uninstalled voice '" + v + "' in --voices");
                }
            }
        }
        return voices;
    }

    private static Map<String, List<Voice>> voicesBySplit(List<Voice> voices) {
        Map<String, List<Voice>> bySplit = new TreeMap<>();
        for (Voice v : voices) {
            bySplit.computeIfAbsent(v.split(), k -> new ArrayList<>()).add(v);
        }
        for (String s : List.of("train", "dev", "test")) {
            if (!bySplit.containsKey(s)) {
                throw new AmdException("no " + s + " voice among the selected voices "
                        + voices.stream().map(Voice::id).toList());
            }
        }
        return bySplit;
    }

    /** Every utterance planned from its own random stream: split, voice, text, speaking rate, pitch. */
    private List<Plan> plan(Map<String, List<Voice>> bySplit) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < total(); i++) {
            Random r = new Random(mix(seed, i, 1));
            double u = r.nextDouble();
            String split = u < testFraction ? "test" : u < testFraction + devFraction ? "dev" : "train";
            if (devUtts >= 0) { // training first, then dev, then test: a larger test set leaves training as it was
                split = i < numUtts ? "train" : i < numUtts + devUtts ? "dev" : "test";
            }
            List<Voice> vs = bySplit.get(split);
            Voice v = vs.get(r.nextInt(vs.size()));
            String text = task.draw(r);
            double rate = rateRange.get(0) + r.nextDouble() * (rateRange.get(1) - rateRange.get(0));
            double pitch = pitchRange.get(0) + r.nextDouble() * (pitchRange.get(1) - pitchRange.get(0));
            plans.add(new Plan(i, String.format(Locale.ROOT, "%s-%05d", v.id(), firstIndex + i), v, text, rate, pitch));
        }
        return plans;
    }

    /** Synthesises every plan (in parallel: each utterance is independent of the others), resampled to 16 kHz. */
    private Utt[] synthesise(List<Plan> plans, Map<String, TtsEngine> byVoice, Workers workers)
            throws InterruptedException {
        Utt[] utts = new Utt[total()];
        try (Progress progress = new Progress("synth-corpus: synthesising", total())) {
            List<Future<Utt>> fs = new ArrayList<>();
            for (Plan p : plans) {
                fs.add(workers.submit(() -> {
                    Synthesis s = byVoice.get(p.voice.id()).synthesize(p.voice, p.text, p.rate, p.pitch);
                    AudioData a = s.audio();
                    float[] x = a.sampleRate() == RATE
                            ? a.channel(0)
                            : Resampler.resample(a.channel(0), a.sampleRate(), RATE);
                    return new Utt(p, x, s.phones());
                }));
            }
            for (int i = 0; i < total(); i++) {
                try {
                    utts[i] = fs.get(i).get();
                } catch (ExecutionException e) {
                    throw new AmdException(
                            "utterance " + plans.get(i).utt + " (voice "
                                    + plans.get(i).voice.id() + ", text '" + plans.get(i).text + "'): "
                                    + e.getCause().getMessage(),
                            e.getCause());
                }
                progress.advance(1);
            }
        }
        return utts;
    }

    /** The finished corpus replaces the (empty) output directory; wav.scp already names the final location. */
    private void moveIntoPlace(Path tmp) throws IOException {
        Files.createDirectories(outDir.toAbsolutePath().getParent());
        if (Files.exists(outDir)) {
            Files.delete(outDir); // empty, checked above
        }
        Files.move(tmp, outDir);
    }

    /** The engines of --engines (each must be installed), or every installed one, saying which voices are missing. */
    private List<TtsEngine> selectedEngines() throws AmdException {
        List<TtsEngine> all = engines();
        List<String> names = all.stream().map(TtsEngine::name).toList();
        if (onlyEngines != null) {
            for (String n : onlyEngines) {
                if (!names.contains(n)) {
                    throw new AmdException(
                            "unknown TTS engine '" + n + "' in --engines (known: " + String.join(", ", names) + ")");
                }
            }
        }
        List<TtsEngine> selected = new ArrayList<>();
        for (TtsEngine e : all) {
            if (onlyEngines != null && !onlyEngines.contains(e.name())) {
                continue;
            }
            if (!e.available()) {
                if (onlyEngines != null) {
                    throw new AmdException("TTS engine " + e.name()
                            + " in --engines is not installed (install the Debian package " + e.name() + ")");
                }
                LOG.warn(
                        "TTS engine {} is not installed: its voices are missing ({}); install the Debian package {} for them",
                        e.name(),
                        String.join(", ", e.voices().stream().map(Voice::id).toList()),
                        e.name());
                continue;
            }
            selected.add(e);
        }
        LOG.info(
                "TTS engines: {}",
                String.join(", ", selected.stream().map(TtsEngine::name).toList()));
        return selected;
    }

    private void augmentAndWrite(Utt[] utts, int i, Path tmp, String[][] rows, double[] durations, List<String>[] ctms)
            throws IOException {
        Utt u = utts[i];
        Random r = new Random(mix(seed, i, 2));
        double speed = speeds.get(r.nextInt(speeds.size()));
        float[] x = Augmenter.speed(u.clean, speed);
        boolean reverb = r.nextDouble() < reverbProb;
        double rt = rt60.get(0) + r.nextDouble() * (rt60.get(1) - rt60.get(0));
        if (reverb) {
            x = Augmenter.reverb(x, rt, RATE, r);
        }
        String snr = snrs.get(r.nextInt(snrs.size()));
        String noise = "none";
        if (!snr.equals("clean")) {
            NoiseType type = noiseTypes.get(r.nextInt(noiseTypes.size()));
            noise = type.name().toLowerCase(Locale.ROOT);
            x = Augmenter.addNoise(x, noise(type, x.length, utts, i, r), Double.parseDouble(snr));
        }
        keepClearOfClipping(x);
        Path wav = outDir.toAbsolutePath().resolve("wav").resolve(u.plan.utt + ".wav");
        WavWriter.write(AudioData.mono((float) RATE, x), tmp.resolve("wav").resolve(u.plan.utt + ".wav"));
        durations[i] = x.length / RATE;
        Plan p = u.plan;
        rows[i] = new String[] {
            p.utt,
            p.voice.split(),
            p.voice.id(),
            fmt(p.rate),
            fmt(p.pitch),
            noise,
            snr.equals("clean") ? "" : snr,
            reverb ? fmt(rt) : "",
            fmt(speed),
            fmt(durations[i]),
            p.voice.engine(),
            String.valueOf(p.voice.sex()),
            p.text,
            wav.toString()
        };
        if (u.phones != null) {
            ctms[i] = ctmLines(p.utt, u.phones, speed, durations[i]);
        }
    }

    /** Noise of {@code type} for utterance {@code i}; babble mixes four other utterances' clean audio. */
    private static float[] noise(NoiseType type, int length, Utt[] utts, int i, Random r) {
        return switch (type) {
            case WHITE -> Augmenter.whiteNoise(length, r);
            case PINK -> Augmenter.pinkNoise(length, r);
            case BABBLE -> {
                float[][] talkers = new float[4][];
                for (int k = 0; k < talkers.length; k++) {
                    int j = r.nextInt(utts.length);
                    talkers[k] = j == i ? utts[(j + 1) % utts.length].clean : utts[j].clean;
                }
                yield Augmenter.babble(length, talkers, r);
            }
        };
    }

    /** Scales the audio down where noise and reverberation took it near 16-bit clipping. */
    private static void keepClearOfClipping(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 32000) {
            float g = 32000 / peak;
            for (int k = 0; k < x.length; k++) {
                x[k] *= g;
            }
        }
    }

    /** The TTS's phone timings as CTM lines, stretched by the speed change and cut at the audio's end. */
    private static List<String> ctmLines(String utt, List<Synthesis.PhoneEnd> phones, double speed, double duration) {
        List<String> lines = new ArrayList<>();
        double start = 0;
        for (Synthesis.PhoneEnd pe : phones) {
            double end = Math.min(pe.end() / speed, duration);
            if (end > start) {
                lines.add(String.format(
                        Locale.ROOT, "%s 1 %.3f %.3f %s", utt, start, end - start, CmuLexicon.toPhoneSet(pe.phone())));
            }
            start = end;
        }
        return lines;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private void writeCorpus(
            Path tmp,
            Utt[] utts,
            String[][] rows,
            double[] durations,
            List<String>[] ctms,
            Map<String, String> lexicon,
            List<Voice> voices)
            throws IOException {
        Map<String, DataDir> dirs = new TreeMap<>();
        Map<String, List<String>> ctmBySplit = new TreeMap<>();
        for (int i = 0; i < utts.length; i++) {
            Plan p = utts[i].plan;
            DataDir d = dirs.computeIfAbsent(p.voice.split(), k -> new DataDir());
            d.wavScp.put(p.utt, rows[i][13]);
            d.text.put(p.utt, p.text);
            d.utt2spk.put(p.utt, p.voice.id());
            d.utt2dur.put(p.utt, fmt(durations[i]));
            if (ctms[i] != null) {
                ctmBySplit
                        .computeIfAbsent(p.voice.split(), k -> new ArrayList<>())
                        .addAll(ctms[i]);
            }
        }
        for (Map.Entry<String, DataDir> e : dirs.entrySet()) {
            e.getValue().write(tmp.resolve(e.getKey()));
            List<String> ctm = new ArrayList<>(ctmBySplit.getOrDefault(e.getKey(), List.of()));
            ctm.sort(Comparator.comparing(
                    l -> l.substring(0, l.indexOf(' ')))); // stable: keeps time order within an utterance
            AtomicFiles.writeString(
                    tmp.resolve(e.getKey()).resolve("ctm"), ctm.isEmpty() ? "" : String.join("\n", ctm) + "\n");
        }
        writeDict(tmp.resolve("local").resolve("dict"), lexicon);
        writeManifest(tmp.resolve("manifest.csv"), rows);
        writeVoices(tmp.resolve("voices.csv"), voices);
    }

    /** data/local/dict: the lexicon with silence and the OOV word, and the phone lists. */
    private void writeDict(Path dict, Map<String, String> lexicon) throws IOException {
        Files.createDirectories(dict);
        StringBuilder lex = new StringBuilder();
        TreeSet<String> phones = new TreeSet<>();
        lex.append("<sil> SIL\n");
        if (oovWord != null) {
            lex.append(oovWord).append(" SPN\n");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(lexicon).entrySet()) {
            lex.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
            phones.addAll(List.of(e.getValue().split(" ")));
        }
        AtomicFiles.writeString(dict.resolve("lexicon.txt"), lex.toString());
        AtomicFiles.writeString(dict.resolve("nonsilence_phones.txt"), String.join("\n", phones) + "\n");
        AtomicFiles.writeString(dict.resolve("silence_phones.txt"), oovWord != null ? "SIL\nSPN\n" : "SIL\n");
        AtomicFiles.writeString(dict.resolve("optional_silence.txt"), "SIL\n");
    }

    /** manifest.csv: each utterance's voice, prosody and augmentation, sorted by utterance. */
    private static void writeManifest(Path file, String[][] rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        w,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader(
                                        "utt",
                                        "split",
                                        "voice",
                                        "rate",
                                        "pitch",
                                        "noise",
                                        "snr_db",
                                        "reverb",
                                        "speed",
                                        "duration",
                                        "engine",
                                        "sex",
                                        "text",
                                        "wav")
                                .build())) {
            String[][] sorted = rows.clone();
            Arrays.sort(sorted, Comparator.comparing(r -> r[0]));
            for (String[] r : sorted) {
                csv.printRecord((Object[]) r);
            }
        }
    }

    /** voices.csv: each voice's engine, sex and split, and whether its engine gives phone timings (flite). */
    private static void writeVoices(Path file, List<Voice> voices) throws IOException {
        StringWriter table = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                table,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("voice", "engine", "sex", "split", "has_ctm")
                        .setRecordSeparator('\n')
                        .build())) {
            for (Voice v : voices) {
                csv.printRecord(
                        v.id(), v.engine(), v.sex(), v.split(), v.engine().equals("flite"));
            }
        }
        AtomicFiles.writeString(file, table.toString());
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
