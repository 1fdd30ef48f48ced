package org.amdistill.recognizer.bin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.cli.AmdCommand;
import org.amdistill.core.cli.AmdException;
import org.amdistill.core.io.AtomicFiles;
import org.amdistill.recognizer.OnnxExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a DNN model's network as an ONNX graph with its priors, front end and HMM states as metadata. */
@Command(
        name = "export-onnx",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description =
                "Export a DNN acoustic model (spliced input -> log posteriors) as ONNX: export-onnx --model=M <out.onnx>")
public final class ExportOnnx implements AmdCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ExportOnnx.class);

    @Option(names = "--model", required = true, description = "a DNN model file (a baseline or a distilled student)")
    Path model;

    @Parameters(index = "0", paramLabel = "<out.onnx>")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(model)) {
            throw new AmdException("model " + model + ": no such file");
        }
        if (!DnnAcousticModel.isDnnModel(model)) {
            throw new AmdException("model " + model + " is not a DNN model (an ensemble exports member by member)");
        }
        DnnAcousticModel m = DnnAcousticModel.load(model);
        byte[] onnx = OnnxExport.export(m);
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.tempBeside(abs);
        Files.write(tmp, onnx);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info(
                "Wrote {} ({} bytes): input {} [frames, {}], output {} [frames, {}]",
                out,
                onnx.length,
                OnnxExport.INPUT,
                m.inputDim(),
                OnnxExport.OUTPUT,
                m.numPdfs());
        return 0;
    }
}
