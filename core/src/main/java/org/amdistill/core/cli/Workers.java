package org.amdistill.core.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one policy for a command's parallel work: a fixed pool of {@code --num-threads} threads (all cores by
 * default, at least one), named {@code amd-<command>-<n>} so that a thread dump says whose they are, and daemon
 * threads, so that a command that fails half-way cannot keep the JVM alive with idle workers. Closing the pool
 * interrupts what still runs, as a failing command wants.
 *
 * <p>ND4J: every Java thread that runs a network op uses ND4J's own OpenMP team of {@code OMP_NUM_THREADS}
 * threads (the launcher sets it to the number of cores), so {@code n} workers each running a DL4J network would
 * ask for {@code n} times the cores. Commands therefore either keep one network pass at a time (decode locks the
 * model: a DL4J network is not safe for concurrent passes anyway) or run a few networks side by side on purpose
 * (train-ensemble's {@code --parallel-members}). ND4J's workspaces belong to the thread that made them and are
 * freed when it ends, which the pool's threads do when it closes.
 */
public final class Workers implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;

    private Workers(String name, int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads(name));
    }

    /** The default of every {@code --num-threads} option: all the cores this JVM is given. */
    public static int allCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A pool of {@code requested} threads (at least one) named after {@code name}, usually the command's. */
    public static Workers start(String name, int requested) {
        return new Workers(name, Math.max(1, requested));
    }

    /** Named daemon threads: {@code amd-<name>-1}, {@code amd-<name>-2}, ... */
    public static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "amd-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts one named daemon thread (a producer beside the main loop, say) outside any pool. */
    public static Thread startDaemon(String name, Runnable body) {
        Thread t = daemonThreads(name).newThread(body);
        t.start();
        return t;
    }

    public int threads() {
        return threads;
    }

    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    public Future<?> submit(Runnable task) {
        return pool.submit(task);
    }

    /** Waits for every one of {@code futures} in turn; the first failure is thrown as it came. */
    public static void awaitAll(List<? extends Future<?>> futures) throws InterruptedException, ExecutionException {
        for (Future<?> f : futures) {
            f.get();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
