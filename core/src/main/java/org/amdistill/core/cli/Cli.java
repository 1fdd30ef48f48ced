package org.amdistill.core.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs an {@link AmdCommand} with Kaldi's option syntax. {@code --config=FILE} options are expanded in place
 * before parsing: a Kaldi conf file holds one {@code --name=value} per line with {@code #} comments, and options
 * given later on the command line override those read from the file, as in Kaldi's ParseOptions.
 */
public final class Cli {
    private Cli() {}

    /** Parses {@code args} into {@code command}, runs it and returns its exit status; errors are printed, not thrown. */
    public static int execute(Object command, String... args) {
        return execute(
                command,
                new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
                new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true),
                args);
    }

    public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        String name = cl.getCommandName();
        String[] expanded;
        try {
            expanded = expandConfig(args);
        } catch (AmdException e) {
            err.println("ERROR (" + name + ") " + e.getMessage());
            return 1;
        }
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            err.println("ERROR (" + name + ") " + errorLine(ex));
            if (debug()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ERROR (" + name + ") " + ex.getMessage());
            err.println("Run '" + name + " --help' for the options.");
            err.flush();
            return 1;
        });
        return cl.execute(expanded);
    }

    /**
     * The one line a user sees for an error: the message of the project's errors (and of I/O errors, which name
     * their file); anything else is a defect of ours, said so, with its stack trace behind {@code AMD_DEBUG=1}.
     */
    static String errorLine(Throwable ex) {
        if (ex instanceof AmdException
                || ex instanceof UncheckedIOException
                || ex instanceof IOException
                || ex instanceof IllegalArgumentException) { // our option checks throw these
            return oneLine(ex.getMessage() == null ? ex.toString() : ex.getMessage());
        }
        return "internal error: " + oneLine(ex.toString())
                + (debug() ? "" : " (a defect: please report it; AMD_DEBUG=1 shows the stack trace)");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /** AMD_DEBUG set (to anything but 0 or empty): errors show their stack traces. */
    static boolean debug() {
        String v = System.getenv("AMD_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    /** A picocli command line configured for Kaldi's conventions (later options override earlier ones). */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(110);
        return cl;
    }

    /** Replaces every {@code --config=FILE} by the options the file holds (recursively). */
    public static String[] expandConfig(String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--config=")) {
                out.addAll(readConfig(Path.of(a.substring("--config=".length())), 0));
            } else {
                out.add(a);
            }
        }
        return out.toArray(new String[0]);
    }

    private static List<String> readConfig(Path file, int depth) {
        if (depth > 10) {
            throw new AmdException("config file " + file + ": --config nested more than 10 deep (a cycle?)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AmdException("cannot open config file " + file + ": no such file");
        } catch (IOException e) {
            throw new AmdException("cannot read config file " + file + ": " + e.getMessage());
        }
        List<String> opts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                throw new AmdException(
                        "config file " + file + " line " + (i + 1) + ": expected --name=value, got '" + line + "'");
            }
            if (line.startsWith("--config=")) {
                opts.addAll(readConfig(file.resolveSibling(line.substring("--config=".length())), depth + 1));
            } else {
                opts.add(line);
            }
        }
        return opts;
    }
}
