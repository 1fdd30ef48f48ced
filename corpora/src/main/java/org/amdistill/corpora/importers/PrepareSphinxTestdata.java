package org.amdistill.corpora.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.AudioReader;
import org.amdistill.core.audio.Resampler;
import org.amdistill.core.audio.WavWriter;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.dataprep.datadir.DataDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The real recordings of Debian's {@code pocketsphinx-testdata} package as one Kaldi data directory: the sets
 * under the package's {@code test/data} that have audio and a Sphinx transcription file ({@code cards}: five
 * card-game phrases, and {@code librivox}: five sentences of a LibriVox reading), ten utterances of two speakers.
 * Utterance ids are {@code <set>-<file-id>} and the speaker is the set. Transcripts are the words of the
 * {@code <s> ... </s> (id)} lines, lower case as distributed. Audio that is not 16 kHz mono 16-bit is converted
 * into {@code <out-dir>/wav/}; audio that is, is referenced where it lies. The package's other audio
 * ({@code goforward.raw}, {@code numbers.raw}, {@code something.raw}, {@code tidigits/dhd.2934z.raw}) is headerless
 * and has no transcript in the package, and {@code tidigits} holds features, not audio: none of it is used.
 */
@Command(
        name = "prepare-sphinx-testdata",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Make a Kaldi data dir from the recordings of the pocketsphinx-testdata package: prepare-sphinx-testdata [options] <out-dir>")
public final class PrepareSphinxTestdata implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareSphinxTestdata.class);
    public static final Path DEFAULT_ROOT = Path.of("/usr/share/pocketsphinx/test/data");
    private static final Pattern LINE = Pattern.compile("^(?:<s>\\s+)?(.*?)(?:\\s+</s>)?\\s*\\(([^()\\s]+)\\)$");

    @Option(names = "--root", description = "The package's test data (dpkg -L pocketsphinx-testdata)")
    Path root = DEFAULT_ROOT;

    @Option(
            names = "--sample-frequency",
            description = "Sample rate of the data dir's audio: other rates are resampled into <out-dir>/wav")
    int sampleFrequency = 16000;

    @Parameters(index = "0", paramLabel = "<out-dir>", description = "The data directory to write")
    Path outDir;

    /** A set: its directory, its list of file ids and its transcription file. */
    record SphinxSet(String name, String fileids, String transcription) {}

    static final List<SphinxSet> SETS = List.of(
            new SphinxSet("cards", "cards.fileids", "cards.transcription"),
            new SphinxSet("librivox", "fileids", "transcription"));

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new AmdException("pocketsphinx test data " + root + " does not exist (install the Debian package "
                    + "pocketsphinx-testdata, or give --root=DIR)");
        }
        DataDir d = new DataDir();
        Map<Path, AudioData> converted = new LinkedHashMap<>();
        for (SphinxSet s : SETS) {
            Path dir = root.resolve(s.name);
            Path ids = dir.resolve(s.fileids);
            Path trans = dir.resolve(s.transcription);
            if (!Files.exists(ids) || !Files.exists(trans)) {
                throw new AmdException(root + ": set " + s.name + " lacks " + (Files.exists(ids) ? trans : ids)
                        + " (is this the pocketsphinx-testdata layout?)");
            }
            addSet(s, dir, ids, trans, d, converted);
        }
        for (Map.Entry<Path, AudioData> e : converted.entrySet()) {
            Files.createDirectories(e.getKey().getParent());
            Path tmp = AtomicFiles.tempBeside(e.getKey());
            WavWriter.write(e.getValue(), tmp);
            Files.move(tmp, e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        d.write(outDir);
        LOG.info(
                "Wrote {} utterances of {} speakers to {} ({} converted to {} Hz mono)",
                d.wavScp.size(),
                d.spk2utt().size(),
                outDir,
                converted.size(),
                sampleFrequency);
        return 0;
    }

    /**
     * Adds one set's utterances to {@code d}; audio at another rate or with more channels goes to {@code converted}
     * (written once everything has been read).
     */
    private void addSet(SphinxSet s, Path dir, Path ids, Path trans, DataDir d, Map<Path, AudioData> converted)
            throws IOException {
        Map<String, String> text = transcriptions(trans);
        List<String> lines = Files.readAllLines(ids, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String id = lines.get(i).strip();
            if (id.isEmpty()) {
                continue;
            }
            String t = text.get(id);
            if (t == null) {
                throw new AmdException(ids + ":" + (i + 1) + ": file id '" + id + "' has no line in " + trans);
            }
            Path wav = dir.resolve(id + ".wav");
            if (!Files.exists(wav)) {
                throw new AmdException(ids + ":" + (i + 1) + ": no audio " + wav);
            }
            AudioData a;
            try (InputStream in = Files.newInputStream(wav)) {
                a = AudioReader.read(in, wav.toString());
            }
            String utt = s.name + "-" + id;
            String path = wav.toAbsolutePath().normalize().toString();
            if (a.sampleRate() != sampleFrequency || a.numChannels() != 1) {
                float[] x = a.channel(0);
                if (a.sampleRate() != sampleFrequency) {
                    x = Resampler.resample(x, a.sampleRate(), sampleFrequency);
                }
                a = AudioData.mono(sampleFrequency, x);
                Path to = outDir.resolve("wav")
                        .resolve(utt + ".wav")
                        .toAbsolutePath()
                        .normalize();
                converted.put(to, a);
                path = to.toString();
            }
            d.wavScp.put(utt, path);
            d.text.put(utt, t);
            d.utt2spk.put(utt, s.name);
            d.utt2dur.put(utt, String.format(Locale.ROOT, "%.3f", a.durationSeconds()));
        }
    }

    /** Sphinx transcription lines {@code <s> words </s> (id)}: id to words. */
    static Map<String, String> transcriptions(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches() || m.group(1).isBlank()) {
                throw new AmdException(file + ":" + (i + 1) + ": expected '<s> words </s> (file-id)', got '" + l + "'");
            }
            List<String> words = new ArrayList<>(List.of(m.group(1).strip().split("\\s+")));
            words.removeIf(w -> w.equals("<s>") || w.equals("</s>"));
            if (out.put(m.group(2), String.join(" ", words)) != null) {
                throw new AmdException(file + ":" + (i + 1) + ": file id '" + m.group(2) + "' occurs twice");
            }
        }
        return out;
    }
}
