package org.amdistill.acoustic.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.amdistill.core.cli.Cli;
import org.amdistill.frontend.Cmvn;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DnnConfigTest {
    @Command(name = "dnn-options")
    static final class Holder {
        @Mixin
        DnnConfig cfg = new DnnConfig();
    }

    private static DnnConfig parse(String... args) {
        Holder h = new Holder();
        Cli.commandLine(h).parseArgs(args);
        return h.cfg;
    }

    @Test
    void enumOptionsParseAsTheyAreWrittenAndATypoFailsBeforeAnyTraining() {
        DnnConfig c = parse("--lr-schedule=exponential", "--cmvn=mean_var", "--optimizer=sgd", "--activation=tanh");
        assertEquals(DnnConfig.LrSchedule.EXPONENTIAL, c.lrSchedule);
        assertEquals(Cmvn.Mode.MEAN_VAR, c.cmvn);
        assertEquals(DnnConfig.Optimizer.SGD, c.optimizer);
        assertEquals(DnnConfig.HiddenActivation.TANH, c.activation);
        assertThrows(CommandLine.ParameterException.class, () -> parse("--lr-schedule=newbbob"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--cmvn=meanvar"));
    }

    @Test
    void provenanceNamesEveryTrainingOptionInTheOrderModelFilesHaveAlwaysHadAndLeavesOutThreads() {
        Map<String, String> m = new DnnConfig().asMap();
        assertEquals(
                List.of(
                        "hidden-layers",
                        "hidden-dim",
                        "bottleneck-dim",
                        "activation",
                        "dropout",
                        "left-context",
                        "right-context",
                        "cmvn",
                        "fbank-config", // added with model files that carry their front end
                        "optimizer",
                        "learning-rate",
                        "momentum",
                        "l2",
                        "minibatch-size",
                        "max-epochs",
                        "min-epochs",
                        "lr-schedule",
                        "start-halving-impr",
                        "end-halving-impr",
                        "lr-decay",
                        "patience",
                        "seed",
                        "shuffle-buffer-frames",
                        "stock-fit"),
                List.copyOf(m.keySet()));
        assertEquals("relu", m.get("activation"));
        assertEquals("mean_var", m.get("cmvn"));
        assertEquals("adam", m.get("optimizer"));
        assertEquals("newbob", m.get("lr-schedule"));
        assertEquals("0.001", m.get("learning-rate"));
        assertEquals("2000000", m.get("shuffle-buffer-frames"));
        assertEquals("false", m.get("stock-fit"));
    }

    @Test
    void aCopyHoldsEveryOption() {
        DnnConfig c = parse("--hidden-layers=3", "--lr-schedule=constant", "--seed=7", "--stock-fit", "--dropout=0.25");
        DnnConfig copy = c.copy();
        assertEquals(c.asMap(), copy.asMap());
        assertEquals(DnnConfig.LrSchedule.CONSTANT, copy.lrSchedule);
        copy.seed = 8;
        assertEquals(7, c.seed);
    }
}
