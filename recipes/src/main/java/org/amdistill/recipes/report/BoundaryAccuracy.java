package org.amdistill.recipes.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amdistill.core.cli.AmdException;

/**
 * Phone-boundary accuracy of the recipe's alignments against the corpus's own phone timings: the lines of
 * {@code score-alignment}, each followed by the utterances scored ("all", "clean") and the alignment's CTM, e.g.
 * {@code %BOUNDARY 87.04 [ 403 / 463 within 20 ms, 37 utterances ] clean exp/mono_aligner/ali_train/ali.ctm}.
 */
public final class BoundaryAccuracy {
    /** One scored alignment on one set of utterances. */
    public record Row(
            String alignment,
            String utterances,
            double percent,
            long matched,
            long boundaries,
            double collarMs,
            long numUtterances) {}

    private static final Pattern LINE = Pattern.compile(
            "%BOUNDARY\\s+([0-9.]+)\\s+\\[\\s*(\\d+)\\s*/\\s*(\\d+)\\s+within\\s+([0-9.]+)\\s+ms,\\s*(\\d+)\\s+utterances\\s*\\]\\s+(\\S+)\\s+(\\S+)\\s*");

    private final List<Row> rows;

    private BoundaryAccuracy(List<Row> rows) {
        this.rows = rows;
    }

    public static BoundaryAccuracy read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AmdException(
                        file + ":" + n + ": expected a score-alignment line followed by the utterances scored and the "
                                + "alignment's CTM ('%BOUNDARY P [ M / N within C ms, U utterances ] clean exp/mono/ali.ctm'), got: "
                                + line);
            }
            rows.add(new Row(
                    m.group(7),
                    m.group(6),
                    Double.parseDouble(m.group(1)),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)),
                    Double.parseDouble(m.group(4)),
                    Long.parseLong(m.group(5))));
        }
        if (rows.isEmpty()) {
            throw new AmdException(file + ": no score-alignment lines");
        }
        return new BoundaryAccuracy(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** A markdown section: one row per scored alignment and set of utterances. */
    public String markdown() {
        StringBuilder s = new StringBuilder(
                "## Phone boundaries of the alignments against the corpus's own timings\n\n"
                        + "| alignment | utterances | within the collar | boundaries | collar |\n| --- | --- | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | %s (%d) | %.2f %% | %d / %d | %.0f ms |%n",
                    r.alignment,
                    r.utterances,
                    r.numUtterances,
                    r.percent,
                    r.matched,
                    r.boundaries,
                    r.collarMs));
        }
        return s.toString();
    }
}
