package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.ScpFile;
import org.amdistill.core.table.Segment;
import org.amdistill.core.table.TextFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's utils/data/get_utt2dur.sh: writes {@code <data-dir>/utt2dur}, each utterance's duration in seconds, from
 * the segments file (end - start) if there is one, else from the audio of wav.scp (as wav-to-duration does).
 * Durations are written as Kaldi prints them (6 significant digits). Unlike Kaldi's script it always recomputes.
 */
@Command(
        name = "get-utt2dur",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Write <data-dir>/utt2dur from segments or from the audio: get-utt2dur [--num-threads=N] <data-dir>")
public final class GetUtt2Dur implements AmdCommand {
    @Option(
            names = {"--num-threads", "--nj"},
            description = "Threads reading the audio")
    int threads = 1;

    @Parameters(index = "0", paramLabel = "<data-dir>")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Map<String, String> utt2dur = utt2dur(dir, threads, spec.commandLine().getErr());
        DataDir.writeMap(dir.resolve("utt2dur"), utt2dur);
        spec.commandLine()
                .getErr()
                .println("get-utt2dur: wrote durations of " + utt2dur.size() + " utterances to "
                        + dir.resolve("utt2dur"));
        return 0;
    }

    /** Each utterance's duration, formatted; every utterance that fails is printed to {@code err}, then one error. */
    public static Map<String, String> utt2dur(Path dir, int threads, PrintWriter err) {
        List<ScpFile.ScpLine> segments = DataDir.lines(dir, "segments");
        Map<String, String> out = new TreeMap<>(DataDir.C_ORDER);
        if (segments != null && !segments.isEmpty()) {
            List<String> bad = new ArrayList<>();
            for (ScpFile.ScpLine l : segments) {
                try {
                    out.put(
                            l.key(),
                            TextFormat.formatG(Segment.parse(l.key(), l.value()).duration()));
                } catch (AmdException e) {
                    bad.add(l.where() + ": utterance '" + l.key() + "': " + e.getMessage());
                }
            }
            fail(bad, err, "segments");
            return out;
        }
        List<ScpFile.ScpLine> wav = DataDir.lines(dir, "wav.scp");
        if (wav == null) {
            throw new AmdException("data directory " + dir + " has neither segments nor wav.scp");
        }
        return durations(wav, threads, err, "get-utt2dur");
    }

    /** The duration of each wav.scp line's audio; all failures are printed, then one error names their count. */
    static Map<String, String> durations(List<ScpFile.ScpLine> wav, int threads, PrintWriter err, String what) {
        RecordingDurations.Result r = RecordingDurations.read(wav, threads, what + ": reading audio");
        Map<String, String> out = new TreeMap<>(DataDir.C_ORDER);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < wav.size(); i++) {
            ScpFile.ScpLine l = wav.get(i);
            if (r.errors()[i] != null) {
                bad.add(l.where() + ": cannot read the audio of '" + l.key() + "': " + r.errors()[i]);
            } else if (out.put(l.key(), TextFormat.formatG(r.seconds()[i])) != null) {
                bad.add(l.where() + ": duplicate key '" + l.key() + "'");
            }
        }
        fail(bad, err, "wav.scp");
        return out;
    }

    private static void fail(List<String> bad, PrintWriter err, String file) {
        if (bad.isEmpty()) {
            return;
        }
        for (String b : bad) {
            err.println(b);
        }
        err.flush();
        throw new AmdException(bad.size() + " line(s) of " + file + " failed (listed above); nothing written");
    }
}
