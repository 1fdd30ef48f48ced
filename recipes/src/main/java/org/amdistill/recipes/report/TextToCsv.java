package org.amdistill.recipes.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A recipe's results table from the whitespace-separated rows its stages print (Kaldi's text form), written as CSV
 * through Commons CSV, atomically: a value with a comma or a quote is quoted, and a short or long row is an error
 * rather than a shifted column.
 */
@Command(
        name = "text-to-csv",
        mixinStandardHelpOptions = true,
        description =
                "Write the whitespace-separated rows of stdin as a CSV table with a header: text-to-csv --header=a,b,c <csv-out>")
public final class TextToCsv implements AmdCommand {
    @Option(
            names = "--header",
            required = true,
            split = ",",
            description = "The column names, comma-separated; every row has one field per column")
    List<String> header;

    @Parameters(index = "0", paramLabel = "<csv-out>")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = Arrays.asList(line.strip().split("\\s+"));
            if (fields.size() != header.size()) {
                throw new AmdException("stdin line " + lineNumber + " has " + fields.size() + " fields for the "
                        + header.size() + " columns " + header + " of " + out + ": '" + line + "'");
            }
            rows.add(fields);
        }
        AtomicFiles.writeString(out, CsvTable.format(header, rows));
        return 0;
    }
}
