package org.amdistill.recognizer.bin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.WaveTable;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Entry;
import org.amdistill.recognizer.Recognizer;
import org.amdistill.recognizer.RecognizerStream;
import org.amdistill.recognizer.TarsosAudio;
import org.amdistill.recognizer.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Recognises audio files (or a microphone) with a recognizer package: Kaldi text on standard output. */
@Command(
        name = "recognize",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Recognize speech: recognize --recognizer=PKG (<wav-file>... | scp:wav.scp | --live); prints 'utt words...'")
public final class Recognize implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(Recognize.class);

    @Option(names = "--recognizer", required = true, description = "recognizer package (package-recognizer)")
    Path recognizer;

    @Option(
            names = "--ctm",
            description = "also write word times and confidences, Kaldi CTM: utt 1 start duration word confidence")
    Path ctm;

    @Option(names = "--chunk-ms", description = "with --streaming or --live: milliseconds of audio per chunk")
    int chunkMs = 100;

    @Option(
            names = "--streaming",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "feed each file in chunks of --chunk-ms through TarsosDSP's dispatcher (Java Sound reads the file), as a live stream is fed")
    boolean streaming = false;

    @Option(
            names = "--live",
            arity = "0..1",
            fallbackValue = "true",
            description =
                    "recognise the default microphone (partial results on standard error) until --live-seconds or Ctrl-C")
    boolean live = false;

    @Option(names = "--live-seconds", description = "with --live: stop after this many seconds (0: until Ctrl-C)")
    double liveSeconds = 0;

    @Parameters(paramLabel = "<wav-file|scp:wav.scp>", arity = "0..*")
    List<String> inputs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (inputs.isEmpty() != live) {
            throw new AmdException(live ? "--live takes no input files" : "give WAV files, scp:wav.scp, or --live");
        }
        Recognizer r = Recognizer.load(recognizer);
        List<String> ctmLines = new ArrayList<>();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int failed = 0;
        if (live) {
            print(out, ctmLines, "live", live(r));
        } else {
            for (String in : inputs) {
                failed += recognizeInput(r, in, out, ctmLines);
            }
        }
        if (ctm != null) {
            org.amdistill.core.io.AtomicFiles.writeString(ctm, String.join("", ctmLines));
        }
        return failed == 0 ? 0 : 1;
    }

    private int recognizeInput(Recognizer r, String in, PrintStream out, List<String> ctmLines) throws IOException {
        if (in.startsWith("scp:") || in.startsWith("ark:")) {
            int failed = 0;
            for (Entry<AudioData> e : WaveTable.open(in, null)) {
                try {
                    print(out, ctmLines, e.key(), recognizeAudio(r, e.key(), e.value(), null));
                } catch (AmdException ex) {
                    LOG.warn("{}", ex.getMessage());
                    failed++;
                }
            }
            return failed;
        }
        String utt = Path.of(in).getFileName().toString().replaceFirst("\\.[A-Za-z0-9]+$", "");
        try {
            AudioData a = streaming ? null : WaveTable.read(in);
            print(out, ctmLines, utt, recognizeAudio(r, utt, a, Path.of(in)));
            return 0;
        } catch (AmdException ex) {
            LOG.warn("{}: {}", in, ex.getMessage());
            return 1;
        }
    }

    /** One utterance: whole, or streamed from its file through TarsosDSP. */
    private Transcript recognizeAudio(Recognizer r, String utt, AudioData a, Path file) {
        if (streaming && file != null) {
            try (RecognizerStream s = r.stream(utt)) {
                TarsosAudio.feed(TarsosAudio.fromFile(file.toFile(), r.sampleRate(), chunkSamples(r)), s, x -> {});
                return s.finish();
            }
        }
        if (a.numChannels() != 1) {
            LOG.warn("{}: {} channels; recognising the first", utt, a.numChannels());
        }
        if (a.numSamples() == 0) {
            LOG.warn("{}: no audio (0 samples): no words", utt);
        }
        return r.recognize(utt, a.channel(0), Math.round(a.sampleRate()));
    }

    private int chunkSamples(Recognizer r) {
        if (chunkMs <= 0) {
            throw new AmdException("--chunk-ms must be positive, got " + chunkMs);
        }
        return Math.max(1, r.sampleRate() * chunkMs / 1000);
    }

    private Transcript live(Recognizer r) {
        var dispatcher = TarsosAudio.fromMicrophone(r.sampleRate(), chunkSamples(r));
        Runtime.getRuntime().addShutdownHook(new Thread(dispatcher::stop));
        try (RecognizerStream s = r.stream("live")) {
            String[] last = {""};
            TarsosAudio.feed(dispatcher, s, x -> {
                String p = x.partial().text();
                if (!p.equals(last[0])) {
                    System.err.println("partial: " + p);
                    last[0] = p;
                }
                if (liveSeconds > 0 && x.audioSeconds() >= liveSeconds) {
                    dispatcher.stop();
                }
            });
            return s.finish();
        }
    }

    private static void print(PrintStream out, List<String> ctmLines, String utt, Transcript t) {
        out.println(t.words().isEmpty() ? utt : utt + " " + t.text());
        for (Transcript.Word w : t.timedWords()) {
            ctmLines.add(String.format(
                    Locale.ROOT,
                    "%s 1 %.2f %.2f %s %.2f%n",
                    utt,
                    w.start(),
                    w.end() - w.start(),
                    w.word(),
                    w.confidence()));
        }
    }
}
