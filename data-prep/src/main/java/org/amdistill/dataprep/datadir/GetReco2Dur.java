package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.ScpFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kaldi's utils/data/get_reco2dur.sh: writes {@code <data-dir>/reco2dur}, each recording's duration in seconds, from
 * the audio of wav.scp; without a segments file, recordings are utterances and an existing utt2dur that covers
 * wav.scp is copied instead of reading the audio again.
 */
@Command(
        name = "get-reco2dur",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Write <data-dir>/reco2dur from the audio: get-reco2dur [--num-threads=N] <data-dir>")
public final class GetReco2Dur implements AmdCommand {
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
        List<ScpFile.ScpLine> wav = DataDir.lines(dir, "wav.scp");
        if (wav == null) {
            throw new AmdException("data directory " + dir + " has no wav.scp");
        }
        Map<String, String> reco2dur = null;
        if (DataDir.lines(dir, "segments") == null && DataDir.lines(dir, "utt2dur") != null) {
            Map<String, String> u2d = new TreeMap<>(DataDir.C_ORDER);
            u2d.putAll(ScpFile.readMap(dir.resolve("utt2dur").toString()));
            if (wav.stream().allMatch(l -> u2d.containsKey(l.key())) && u2d.size() == wav.size()) {
                reco2dur = u2d;
                spec.commandLine().getErr().println("get-reco2dur: no segments: copying utt2dur to reco2dur");
            }
        }
        if (reco2dur == null) {
            reco2dur = GetUtt2Dur.durations(wav, threads, spec.commandLine().getErr(), "get-reco2dur");
        }
        DataDir.writeMap(dir.resolve("reco2dur"), reco2dur);
        spec.commandLine()
                .getErr()
                .println("get-reco2dur: wrote durations of " + reco2dur.size() + " recordings to "
                        + dir.resolve("reco2dur"));
        return 0;
    }
}
