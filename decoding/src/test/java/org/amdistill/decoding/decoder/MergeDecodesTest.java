package org.amdistill.decoding.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.amdistill.core.cli.Cli;
import org.amdistill.decoding.lm.TrainLm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decoding split over jobs and joined by merge-decodes is, file for file, the decoding of one job. */
class MergeDecodesTest {
    private static final int JOBS = 3;

    private static int decode(Path model, DecodeCommandTest.Task t, Path arpa, Path data, Path out) {
        return Cli.execute(
                new Decode(),
                "--model=" + model,
                "--lang=" + t.lang,
                "--lm=" + arpa,
                "--num-threads=1",
                "--grid-lm-weights=2,5,10,20",
                "--grid-word-ins-penalties=-1.0,0.0,2.0",
                data.toString(),
                out.toString());
    }

    /** The data directory's feats.scp and text in {@code JOBS} contiguous runs, as split-data-dir --per-utt makes them. */
    private static List<Path> split(Path data) throws Exception {
        List<String> feats = Files.readAllLines(data.resolve("feats.scp"));
        List<String> text = Files.readAllLines(data.resolve("text"));
        List<Path> parts = new ArrayList<>();
        for (int k = 0; k < JOBS; k++) {
            Path p = data.resolve("split" + JOBS + "utt/" + (k + 1));
            Files.createDirectories(p);
            int from = k * feats.size() / JOBS;
            int to = (k + 1) * feats.size() / JOBS;
            Files.write(p.resolve("feats.scp"), feats.subList(from, to));
            Files.write(p.resolve("text"), text.subList(from, to));
            parts.add(p);
        }
        return parts;
    }

    /** Every file of a decode directory but rtf (a time), by its path inside it. */
    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(dir::relativize)
                    .filter(p -> !p.toString().equals("rtf"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void jobsJoinedInOrderGiveTheFilesOfOneJob(@TempDir Path tmp) throws Exception {
        DecodeCommandTest.Task t = DecodeCommandTest.task(tmp, "dev", 14, 21);
        Path arpa = tmp.resolve("lm.arpa");
        assertEquals(0, Cli.execute(new TrainLm(), "--order=2", t.lmText.toString(), arpa.toString()));
        Path model = tmp.resolve("exp/final.model");
        Files.createDirectories(model.getParent());
        // noisy enough that the grid points differ, so that the best one is a choice
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " 6.0 5 " + t.lang + "\n");
        Path one = tmp.resolve("exp/decode_one");
        assertEquals(0, decode(model, t, arpa, t.data, one));
        List<Path> parts = split(t.data);
        List<String> args = new ArrayList<>(
                List.of(t.data.toString(), tmp.resolve("exp/decode_jobs").toString()));
        for (int k = 0; k < JOBS; k++) {
            Path part = tmp.resolve("exp/decode_jobs/split/" + (k + 1));
            assertEquals(0, decode(model, t, arpa, parts.get(k), part));
            args.add(part.toString());
        }
        assertEquals(0, Cli.execute(new MergeDecodes(), args.toArray(new String[0])));
        Path jobs = tmp.resolve("exp/decode_jobs");
        List<Path> expected = files(one);
        assertTrue(expected.contains(Path.of("scoring_kaldi/best_wer")), expected.toString());
        assertNotEquals(
                Files.readString(one.resolve("wer_2_-1.0")),
                Files.readString(one.resolve("wer_20_2.0")),
                "the grid's points differ: the test can tell a wrong merge");
        assertTrue(
                !Files.readString(one.resolve("wer")).startsWith("%WER 0.00"),
                "the model errs, so that hypotheses in the wrong place would show");
        for (Path f : expected) {
            assertEquals(
                    Files.readString(one.resolve(f)).replace(one.toString(), jobs.toString()),
                    Files.readString(jobs.resolve(f)),
                    f.toString());
        }
        String rtf = Files.readString(jobs.resolve("rtf"));
        double audio = 0;
        for (int k = 1; k <= JOBS; k++) {
            String part = Files.readString(jobs.resolve("split/" + k + "/rtf"));
            audio += Double.parseDouble(part.replaceFirst("(?s).* s for (\\S+) s of audio.*", "$1"));
        }
        assertEquals(
                audio,
                Double.parseDouble(rtf.replaceFirst("(?s).* s for (\\S+) s of audio.*", "$1")),
                0.02,
                "the jobs' audio summed: " + rtf);
    }

    @Test
    void partsDecodedOverOtherGridsAreAClearError(@TempDir Path tmp) throws Exception {
        DecodeCommandTest.Task t = DecodeCommandTest.task(tmp, "dev", 6, 22);
        Path arpa = tmp.resolve("lm.arpa");
        assertEquals(0, Cli.execute(new TrainLm(), "--order=2", t.lmText.toString(), arpa.toString()));
        Path model = tmp.resolve("exp/final.model");
        Files.createDirectories(model.getParent());
        Files.writeString(model, "TRUTH-MODEL " + t.numPdfs + " 1.0 5 " + t.lang + "\n");
        Path a = tmp.resolve("exp/a");
        Path b = tmp.resolve("exp/b");
        assertEquals(0, decode(model, t, arpa, t.data, a));
        assertEquals(
                0,
                Cli.execute(
                        new Decode(),
                        "--model=" + model,
                        "--lang=" + t.lang,
                        "--lm=" + arpa,
                        "--grid-lm-weights=2",
                        t.data.toString(),
                        b.toString()));
        StringWriter err = new StringWriter();
        int rc = Cli.execute(
                new MergeDecodes(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                t.data.toString(),
                tmp.resolve("exp/merged").toString(),
                a.toString(),
                b.toString());
        assertNotEquals(0, rc);
        assertTrue(err.toString().contains(b + " is not a decoding like " + a), err.toString());
    }
}
