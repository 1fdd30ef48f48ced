package org.amdistill.recipes.report;

import java.nio.file.Path;
import java.util.List;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The named columns of a CSV table (read through Commons CSV, so quoted cells and CRLF line ends are read right), one
 * whitespace-separated line per row, for a recipe's shell to read without splitting CSV on commas by hand.
 */
@Command(
        name = "csv-to-text",
        mixinStandardHelpOptions = true,
        description =
                "Print columns of a CSV table with a header, one space-separated line per row: csv-to-text [--columns=a,b] [--where=COLUMN=VALUE] <csv>")
public final class CsvToText implements AmdCommand {
    @Option(names = "--columns", split = ",", description = "The columns to print, in this order (default: all)")
    List<String> columns;

    @Option(
            names = "--where",
            paramLabel = "COLUMN=VALUE",
            description = "Only the rows whose COLUMN is VALUE (COLUMN= : an empty cell); repeated: all of them")
    List<String> where = List.of();

    @Parameters(index = "0", paramLabel = "<csv>")
    Path csv;

    @Override
    public Integer call() {
        CsvTable table = CsvTable.read(csv);
        List<String> cols = columns == null ? table.header() : columns;
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < table.size(); row++) {
            if (!matches(table, row)) {
                continue;
            }
            for (int c = 0; c < cols.size(); c++) {
                String cell = table.get(row, cols.get(c));
                if (cell.isEmpty() || cell.chars().anyMatch(Character::isWhitespace)) {
                    throw new AmdException(csv + ": row " + (row + 1) + ", column '" + cols.get(c) + "' is '" + cell
                            + "': an empty cell or one with white space has no whitespace-separated text form");
                }
                out.append(c == 0 ? "" : " ").append(cell);
            }
            out.append('\n');
        }
        System.out.print(out);
        return 0;
    }

    private boolean matches(CsvTable table, int row) {
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new AmdException("--where takes COLUMN=VALUE, got '" + w + "'");
            }
            if (!table.get(row, w.substring(0, eq)).equals(w.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }
}
