package org.amdistill.dataprep.datadir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.amdistill.core.audio.AudioData;
import org.amdistill.core.audio.WaveTable;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.cli.Progress;
import org.amdistill.core.cli.Workers;
import org.amdistill.core.table.ScpFile;

/**
 * Reads the audio of wav.scp lines (files, {@code cmd |} pipes, SPHERE, FLAC) to learn each one's duration, or why
 * it cannot be read; several at a time with {@code threads > 1}. Every line is tried: one failure does not stop the
 * others. Shows progress for more than a few dozen recordings.
 */
final class RecordingDurations {
    /** For line i: {@code seconds[i]}, or NaN and the reason in {@code errors[i]}. */
    @SuppressWarnings("ArrayRecordComponent") // arrays for speed: equals and hashCode see them by identity
    record Result(double[] seconds, String[] errors) {}

    private static final int PROGRESS_FROM = 50;

    private RecordingDurations() {}

    static Result read(List<ScpFile.ScpLine> lines, int threads, String what) {
        int n = lines.size();
        double[] seconds = new double[n];
        String[] errors = new String[n];
        Progress progress = n >= PROGRESS_FROM ? new Progress(what, n) : null;
        Runnable[] jobs = new Runnable[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            jobs[i] = () -> {
                try {
                    AudioData a = WaveTable.read(lines.get(k).value());
                    seconds[k] = a.durationSeconds();
                } catch (IOException | AmdException | IllegalArgumentException e) {
                    seconds[k] = Double.NaN;
                    errors[k] = e.getMessage();
                }
                if (progress != null) {
                    progress.advance(1);
                }
            };
        }
        try {
            if (threads <= 1) {
                for (Runnable j : jobs) {
                    j.run();
                }
            } else {
                Workers pool = Workers.start("read-audio", threads);
                try {
                    List<Future<?>> fs = new ArrayList<>();
                    for (Runnable j : jobs) {
                        fs.add(pool.submit(j));
                    }
                    for (Future<?> f : fs) {
                        f.get();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AmdException("interrupted while reading audio");
                } catch (ExecutionException e) {
                    throw new AmdException("error reading audio: " + e.getCause(), e.getCause());
                } finally {
                    pool.close();
                }
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        return new Result(seconds, errors);
    }
}
