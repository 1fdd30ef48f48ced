package org.amdistill.acoustic.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Codecs;
import org.amdistill.core.table.TableWriter;

/**
 * Writes alignments as Kaldi does for a DNN's targets: {@code ali.1.ark} with pdf ids per frame (integer vectors),
 * plus {@code ali.ctm}, the phone segments as a CTM, and {@code unaligned.txt}, the utterances that failed.
 */
public final class AlignmentWriter {
    private AlignmentWriter() {}

    public static void write(
            Path dir, Map<String, ViterbiAligner.Alignment> ali, List<String> failed, FrameTiming timing) {
        Map<String, int[]> pdfs = new TreeMap<>();
        Map<String, List<Object[]>> segs = new TreeMap<>();
        ali.forEach((k, a) -> {
            pdfs.put(k, a.pdfs());
            segs.put(k, a.phoneSegments());
        });
        write(dir, pdfs, segs, failed, timing);
    }

    /**
     * Writes pdf ids per frame and phone segments ([phone, first frame, frame count]) per utterance, for alignments
     * that did not come from a graph (imported ones).
     */
    public static void write(
            Path dir,
            Map<String, int[]> pdfs,
            Map<String, List<Object[]>> segments,
            List<String> failed,
            FrameTiming timing) {
        try {
            Files.createDirectories(dir);
            try (TableWriter<int[]> w = TableWriter.openAtomic("ark:" + dir.resolve("ali.1.ark"), Codecs.INT_VECTOR)) {
                for (Map.Entry<String, int[]> e : new TreeMap<>(pdfs).entrySet()) {
                    w.write(e.getKey(), e.getValue());
                }
                w.commit(); // a failed write leaves no partial ali.1.ark under its real name
            }
            List<String> ctm = new ArrayList<>();
            for (Map.Entry<String, List<Object[]>> e : new TreeMap<>(segments).entrySet()) {
                for (Object[] seg : e.getValue()) {
                    int first = (int) seg[1];
                    double start = timing.time(first);
                    ctm.add(e.getKey() + " 1 " + timing.format(start) + " "
                            + timing.format(timing.time(first + (int) seg[2]) - start) + " " + seg[0]);
                }
            }
            AtomicFiles.writeString(dir.resolve("ali.ctm"), ctm.isEmpty() ? "" : String.join("\n", ctm) + "\n");
            AtomicFiles.writeString(
                    dir.resolve("unaligned.txt"), failed.isEmpty() ? "" : String.join("\n", failed) + "\n");
        } catch (IOException e) {
            throw new AmdException("cannot write alignments to " + dir + ": " + e.getMessage());
        }
    }
}
