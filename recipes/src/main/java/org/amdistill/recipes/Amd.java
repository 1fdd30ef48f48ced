package org.amdistill.recipes;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.Cli;
import picocli.CommandLine;

/**
 * The {@code amd} launcher: {@code amd COMMAND [options] args...}. Every module contributes its commands through
 * {@code META-INF/services/org.amdistill.core.cli.AmdCommand}; this class only dispatches by name.
 */
public final class Amd {
    private Amd() {}

    public static Map<String, AmdCommand> commands() {
        Map<String, AmdCommand> byName = new TreeMap<>();
        for (AmdCommand c : ServiceLoader.load(AmdCommand.class)) {
            CommandLine.Command spec = c.getClass().getAnnotation(CommandLine.Command.class);
            if (spec == null || spec.name().isEmpty()) {
                throw new IllegalStateException(c.getClass() + " has no @Command name");
            }
            byName.put(spec.name(), c);
        }
        return byName;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, AmdCommand> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(System.out, commands);
            return args.length == 0 ? 1 : 0;
        }
        AmdCommand command = commands.get(args[0]);
        if (command == null) {
            System.err.println("ERROR (amd) unknown command '" + args[0] + "'");
            usage(System.err, commands);
            return 1;
        }
        return Cli.execute(command, Arrays.copyOfRange(args, 1, args.length));
    }

    private static void usage(PrintStream out, Map<String, AmdCommand> commands) {
        out.println("Usage: amd COMMAND [--option=value ...] ARGS...   (amd COMMAND --help for its options)");
        out.println("Commands:");
        for (Map.Entry<String, AmdCommand> e : commands.entrySet()) {
            CommandLine.Command spec = e.getValue().getClass().getAnnotation(CommandLine.Command.class);
            String desc = spec.description().length > 0 ? spec.description()[0] : "";
            out.printf("  %-28s %s%n", e.getKey(), desc);
        }
    }
}
