package org.amdistill.core.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long stage: items done, rate and time left. On a terminal it redraws one status line on stderr;
 * otherwise (a log file, a pipe) it writes a plain line at most every {@code logEverySeconds}.
 */
public final class Progress implements AutoCloseable {
    private final String what;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final double logEverySeconds;
    private long done;
    private long lastPrintNanos;

    public Progress(String what, long total) {
        this(what, total, System.err, onTerminal(), 30.0);
    }

    public Progress(String what, long total, PrintStream err, boolean terminal, double logEverySeconds) {
        this.what = what;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.logEverySeconds = logEverySeconds;
        this.lastPrintNanos = startNanos;
    }

    // The null check is for JDK 17 to 21; from 22 on, where a console is never null, isTerminal() decides.
    @SuppressWarnings("SystemConsoleNull")
    public static boolean onTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // from JDK 22 on there is a console without a terminal: Console.isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console is a terminal
        }
    }

    public synchronized void advance(long n) {
        done += n;
        long now = System.nanoTime();
        double sinceLast = (now - lastPrintNanos) / 1e9;
        if ((terminal && sinceLast >= 0.2) || (!terminal && sinceLast >= logEverySeconds)) {
            lastPrintNanos = now;
            print(false);
        }
    }

    public synchronized long done() {
        return done;
    }

    private void print(boolean last) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        StringBuilder sb = new StringBuilder();
        if (terminal) {
            sb.append('\r');
        } else {
            sb.append("LOG (progress) ");
        }
        sb.append(what).append(": ").append(done);
        if (total > 0) {
            sb.append('/').append(total);
            if (terminal) {
                int width = 30;
                int filled = (int) Math.min(width, width * done / total);
                sb.append(" [")
                        .append("#".repeat(filled))
                        .append(" ".repeat(width - filled))
                        .append(']');
            }
        }
        sb.append(String.format(Locale.ROOT, " %.1f/s %s elapsed", rate, hms(secs)));
        if (total > 0 && rate > 0 && !last) {
            sb.append(", ").append(hms((total - done) / rate)).append(" left");
        }
        if (terminal) {
            sb.append("   ");
            err.print(sb);
            if (last) {
                err.println();
            }
        } else {
            err.println(sb);
        }
        err.flush();
    }

    private static String hms(double secs) {
        long s = Math.round(secs);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public synchronized void close() {
        print(true);
    }
}
