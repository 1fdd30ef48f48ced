package org.amdistill.recipes.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.core.table.Transcripts;
import org.amdistill.decoding.scoring.EditDistance;
import org.amdistill.decoding.scoring.SystemComparison;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Each system's test WER by the conditions a synthetic corpus records per utterance in its manifest.csv: SNR (clean
 * or the dB of the added noise), reverberation, speed perturbation, TTS engine and voice.
 */
@Command(
        name = "wer-by-condition",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "WER of each system by the manifest's conditions: wer-by-condition [options] --manifest=CSV --ref=TEXT NAME=DECODE_DIR... <csv-out>")
public final class WerByCondition implements AmdCommand {
    /** The conditions, as named in the output, and how each is read from a manifest row. */
    static final List<String> CONDITIONS = List.of("snr", "reverb", "speed", "engine", "voice");

    public static final List<String> COLUMNS =
            List.of("condition", "value", "system", "utterances", "words", "errors", "wer");

    @Option(
            names = "--manifest",
            required = true,
            description = "the corpus's manifest.csv (utt, snr_db, reverb, speed, engine, voice)")
    Path manifest;

    @Option(
            names = "--ref",
            required = true,
            description = "reference text of the test set (a decode directory's scoring/test_filt.txt)")
    Path ref;

    @Parameters(index = "0..*", arity = "2..*", paramLabel = "NAME=DECODE_DIR... <csv-out>")
    List<String> args;

    @Override
    public Integer call() throws IOException {
        Map<String, List<String>> refs = Transcripts.read(ref.toString());
        CsvTable m = CsvTable.read(manifest);
        for (String col : List.of("utt", "snr_db", "reverb", "speed", "engine", "voice")) {
            if (!m.has(col)) {
                throw new AmdException(manifest + ": missing column '" + col + "'");
            }
        }
        Map<String, Map<String, String>> conditions = new LinkedHashMap<>();
        for (int i = 0; i < m.size(); i++) {
            if (refs.containsKey(m.get(i, "utt"))) {
                String snr = m.get(i, "snr_db").isEmpty() ? "clean" : m.get(i, "snr_db");
                conditions.put(
                        m.get(i, "utt"),
                        Map.of(
                                "snr",
                                snr,
                                "reverb",
                                m.get(i, "reverb").isEmpty() ? "no" : "yes",
                                "speed",
                                m.get(i, "speed"),
                                "engine",
                                m.get(i, "engine"),
                                "voice",
                                m.get(i, "voice")));
            }
        }
        for (String u : refs.keySet()) {
            if (!conditions.containsKey(u)) {
                throw new AmdException(manifest + " has no row for test utterance " + u);
            }
        }
        StringWriter csv = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(
                csv,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(COLUMNS.toArray(String[]::new))
                        .build())) {
            for (String a : args.subList(0, args.size() - 1)) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new AmdException("expected NAME=DECODE_DIR, got '" + a + "'");
                }
                String name = a.substring(0, eq);
                Map<String, List<String>> hyp =
                        SystemComparison.readDecodeDir(Path.of(a.substring(eq + 1)), refs, ref.toString());
                SystemComparison.match(refs, ref.toString(), hyp, name, hyp, name);
                for (List<String> row : rows(name, refs, hyp, conditions)) {
                    p.printRecord(row);
                }
            }
        }
        AtomicFiles.writeString(Path.of(args.get(args.size() - 1)), csv.toString());
        return 0;
    }

    /** One row per condition and value: utterances, words, errors and WER of system {@code name}. */
    static List<List<String>> rows(
            String name,
            Map<String, List<String>> refs,
            Map<String, List<String>> hyp,
            Map<String, Map<String, String>> conditions) {
        List<List<String>> out = new ArrayList<>();
        for (String c : CONDITIONS) {
            Map<String, long[]> byValue = new TreeMap<>(WerByCondition::compareValues);
            for (Map.Entry<String, List<String>> e : refs.entrySet()) {
                long[] s = byValue.computeIfAbsent(conditions.get(e.getKey()).get(c), k -> new long[3]);
                s[0]++;
                s[1] += e.getValue().size();
                s[2] += EditDistance.counts(e.getValue(), hyp.get(e.getKey())).errors();
            }
            byValue.forEach((v, s) -> out.add(List.of(
                    c,
                    v,
                    name,
                    String.valueOf(s[0]),
                    String.valueOf(s[1]),
                    String.valueOf(s[2]),
                    SystemComparison.fixed(s[1] == 0 ? Double.NaN : 100.0 * s[2] / s[1], 2))));
        }
        return out;
    }

    /** "clean" first, then numbers in descending order (SNR from clean to noisy), then other values alphabetically. */
    static int compareValues(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals("clean") || b.equals("clean")) {
            return a.equals("clean") ? -1 : 1;
        }
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(y, x);
        }
        return a.compareTo(b);
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
