package org.amdistill.acoustic.dnn;

import org.amdistill.acoustic.bin.TrainDnn;
import org.amdistill.core.cli.Cli;

/** train-dnn in a child JVM with a small heap (see TrainingFramesTest). */
public final class HeapBoundedTraining {
    private HeapBoundedTraining() {}

    public static void main(String[] args) {
        int rc = Cli.execute(new TrainDnn(), args);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "heap: max %d MB, used at exit %d MB%n",
                rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        System.exit(rc);
    }
}
