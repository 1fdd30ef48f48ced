package org.amdistill.recipes.report;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.AmdException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** A small CSV file with a header, read whole (results, per-epoch metrics, sweeps); and such a table's text. */
public final class CsvTable {
    /** RFC 4180 with Unix line ends: cells quoted only where they must be (a comma, a quote, a line break). */
    static final CSVFormat WRITE_FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private final Path file;
    private final List<String> header;
    private final List<CSVRecord> rows;

    private CsvTable(Path file, List<String> header, List<CSVRecord> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    public static CsvTable read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build()
                        .parse(r)) {
            return new CsvTable(file, p.getHeaderNames(), p.getRecords());
        } catch (IOException | IllegalArgumentException e) {
            throw new AmdException("cannot read CSV " + file + ": " + e.getMessage());
        }
    }

    /** The CSV text of a table: the header, then one record per row. */
    public static String format(List<String> header, List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, WRITE_FORMAT)) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** The first of {@code names} that is a column, or null. */
    public String firstColumn(String... names) {
        for (String n : names) {
            if (has(n)) {
                return n;
            }
        }
        return null;
    }

    public String get(int row, String column) {
        if (!has(column)) {
            throw new AmdException(file + ": no column '" + column + "' (columns: " + header + ")");
        }
        return rows.get(row).get(column);
    }

    /** A numeric column; blank or non-numeric cells become NaN. */
    public double[] numbers(String column) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = parse(get(i, column));
        }
        return v;
    }

    public static double parse(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public List<Map<String, String>> asMaps() {
        List<Map<String, String>> out = new ArrayList<>();
        for (CSVRecord r : rows) {
            out.add(r.toMap());
        }
        return out;
    }
}
