package org.amdistill.recognizer.bin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.WaveTable;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.table.Entry;
import org.amdistill.recognizer.Recognizer;
import org.amdistill.recognizer.RecognizerStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Streaming speed of recogniser packages over a test set, side by side in one run: each utterance is fed in chunks
 * as fast as they are taken; the real-time factor is the time spent in accept() and finish() over the audio's
 * duration, and the final-result delay is what a live user waits after the end of the audio, the time of the last
 * chunk's accept() plus finish(). The models take turns utterance by utterance. Run it on one core
 * (recipes/bench/stream-bench.sh pins it with taskset).
 */
@Command(
        name = "bench-stream",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Streaming RTF and final-result delay: bench-stream --recognizer=A [--recognizer=B ...] scp:wav.scp")
public final class BenchStream implements AmdCommand {
    @Option(names = "--recognizer", required = true, description = "recognizer packages to compare (repeat the option)")
    List<Path> recognizers = new ArrayList<>();

    @Option(names = "--chunk-ms", description = "milliseconds of audio per chunk")
    int chunkMs = 100;

    @Option(
            names = "--warm-up-passes",
            description = "untimed passes over the first utterances before timing (JIT, native code)")
    int warmUp = 3;

    @Parameters(index = "0", paramLabel = "<wav-rspecifier>")
    String wavs;

    @Override
    public Integer call() throws Exception {
        Map<String, AudioData> audio = new LinkedHashMap<>();
        for (Entry<AudioData> e : WaveTable.open(wavs, null)) {
            audio.put(e.key(), e.value());
        }
        if (audio.isEmpty()) {
            throw new AmdException(wavs + ": no audio");
        }
        List<Recognizer> recs = new ArrayList<>();
        for (Path p : recognizers) {
            Recognizer r = Recognizer.load(p);
            recs.add(r);
            List<AudioData> first = audio.values().stream().limit(10).toList();
            for (int pass = 0; pass < warmUp; pass++) {
                for (AudioData a : first) {
                    run(r, "warm-up", samples(r, a), chunk(r));
                }
            }
        }
        // the models take turns utterance by utterance, so that a change in the machine's load touches them alike
        int n = recs.size();
        double[] audioSeconds = new double[n];
        double[] computeSeconds = new double[n];
        double[][] delays = new double[n][audio.size()];
        int u = 0;
        for (Map.Entry<String, AudioData> e : audio.entrySet()) {
            for (int k = 0; k < n; k++) {
                Recognizer r = recs.get(k);
                float[] x = samples(r, e.getValue());
                double[] t = run(r, e.getKey(), x, chunk(r));
                audioSeconds[k] += x.length / (double) r.sampleRate();
                computeSeconds[k] += t[0];
                delays[k][u] = t[1];
            }
            u++;
        }
        for (int k = 0; k < n; k++) {
            double[] d = delays[k];
            Arrays.sort(d);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d utterances, %.1f s of audio, %d parameters, CMVN %s, %d ms chunks: streaming RTF %.4f;"
                            + " final-result delay mean %.1f ms, median %.1f ms, 95th percentile %.1f ms, max %.1f ms%n",
                    recognizers.get(k),
                    audio.size(),
                    audioSeconds[k],
                    recs.get(k).numParams(),
                    recs.get(k).frontEnd().cmvn().describe(),
                    chunkMs,
                    computeSeconds[k] / audioSeconds[k],
                    mean(d) * 1e3,
                    d[d.length / 2] * 1e3,
                    d[(int) Math.min(d.length - 1, Math.ceil(d.length * 0.95) - 1)] * 1e3,
                    d[d.length - 1] * 1e3);
        }
        return 0;
    }

    private int chunk(Recognizer r) {
        return Math.max(1, r.sampleRate() * chunkMs / 1000);
    }

    private static float[] samples(Recognizer r, AudioData a) {
        if (Math.round(a.sampleRate()) != r.sampleRate()) {
            return org.amdistill.core.audio.Resampler.resample(a.channel(0), a.sampleRate(), r.sampleRate());
        }
        return a.channel(0);
    }

    /** {seconds in accept() and finish(), seconds of the last accept() plus finish()}. */
    private static double[] run(Recognizer r, String utt, float[] x, int chunk) {
        double busy = 0;
        double last = 0;
        try (RecognizerStream s = r.stream(utt)) {
            for (int at = 0; at < x.length; at += chunk) {
                long t0 = System.nanoTime();
                s.accept(x, at, Math.min(chunk, x.length - at));
                last = (System.nanoTime() - t0) / 1e9;
                busy += last;
            }
            long t0 = System.nanoTime();
            s.finish();
            double fin = (System.nanoTime() - t0) / 1e9;
            return new double[] {busy + fin, last + fin};
        }
    }

    private static double mean(double[] d) {
        return Arrays.stream(d).average().orElse(0);
    }
}
