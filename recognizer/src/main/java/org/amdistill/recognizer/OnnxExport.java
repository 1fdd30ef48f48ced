package org.amdistill.recognizer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.amdistill.acoustic.dnn.DnnAcousticModel;
import org.amdistill.core.cli.AmdException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DNN acoustic model as an ONNX graph (opset 13): input {@value #INPUT}, the spliced, normalised frames
 * {@code [frames, context x features]}; output {@value #OUTPUT}, log state posteriors {@code [frames, pdfs]}
 * (MatMul, Add and the hidden activation per layer, a linear bottleneck included, then LogSoftmax; for a student
 * trained on logits LogSoftmax of its logits, its posteriors at temperature 1). The model's log priors, front end
 * (filterbank options, CMVN, context window) and HMM states (the inventory, and one name per pdf) go along as
 * metadata_props, so the file is usable without this project. Written from the ONNX protobuf schema's field
 * numbers (onnx/onnx.proto).
 */
public final class OnnxExport {
    public static final String INPUT = "spliced_feats";
    public static final String OUTPUT = "log_posteriors";
    static final int IR_VERSION = 8;
    static final int OPSET = 13;
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT

    private OnnxExport() {}

    public static byte[] export(DnnAcousticModel model) {
        MultiLayerNetwork net = model.network();
        ProtoWriter graph = new ProtoWriter();
        String x = INPUT;
        int inDim = model.inputDim();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i);
            INDArray w = l.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = l.getParam(DefaultParamInitializer.BIAS_KEY);
            int rows = (int) w.size(0);
            int cols = (int) w.size(1);
            String wName = "layer" + i + ".W";
            String bName = "layer" + i + ".b";
            graph.message(5, tensor(wName, new long[] {rows, cols}, w));
            graph.message(5, tensor(bName, new long[] {cols}, b));
            String prod = "layer" + i + ".matmul";
            String sum = "layer" + i + ".linear";
            graph.message(1, node("MatMul", prod, x, wName));
            graph.message(1, node("Add", sum, prod, bName));
            x = sum;
            IActivation act = ((BaseLayer) l.conf().getLayer()).getActivationFn();
            x = i == net.getnLayers() - 1 ? outputNode(graph, act, x) : hiddenActivation(graph, act, i, x);
        }
        graph.string(2, "amdistill-acoustic-model");
        graph.message(11, valueInfo(INPUT, inDim));
        graph.message(12, valueInfo(OUTPUT, model.numPdfs()));
        ProtoWriter m = new ProtoWriter();
        m.integer(1, IR_VERSION);
        m.string(2, "amdistill");
        m.string(3, "1");
        m.message(7, graph);
        m.message(8, new ProtoWriter().string(1, "").integer(2, OPSET));
        metadata(model)
                .forEach((k, v) -> m.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return m.toByteArray();
    }

    /** The output layer's log softmax (of a softmax or identity layer): the graph's output. */
    private static String outputNode(ProtoWriter graph, IActivation act, String x) {
        if (!(act instanceof ActivationSoftmax) && !(act instanceof ActivationIdentity)) {
            throw new AmdException("output activation " + act + " cannot be exported (softmax or identity only)");
        }
        graph.message(
                1,
                node("LogSoftmax", OUTPUT, x)
                        .message(
                                5,
                                new ProtoWriter()
                                        .string(1, "axis")
                                        .integer(3, 1)
                                        .integer(20, 2)));
        return OUTPUT;
    }

    /** Hidden layer {@code i}'s activation node (none for identity); returns the layer's output name. */
    private static String hiddenActivation(ProtoWriter graph, IActivation act, int i, String x) {
        String op = act instanceof ActivationReLU
                ? "Relu"
                : act instanceof ActivationTanH
                        ? "Tanh"
                        : act instanceof ActivationSigmoid ? "Sigmoid" : act instanceof ActivationIdentity ? null : "?";
        if ("?".equals(op)) {
            throw new AmdException("hidden activation " + act + " of layer " + i + " cannot be exported");
        }
        if (op == null) {
            return x;
        }
        String a = "layer" + i + ".out";
        graph.message(1, node(op, a, x));
        return a;
    }

    /** What a user outside this project needs besides the network: priors, front end, HMM states. */
    public static Map<String, String> metadata(DnnAcousticModel model) {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(
                "amdistill.input",
                INPUT + ": [frames, " + model.inputDim() + "] = "
                        + model.splicer().width() + " frames ("
                        + model.splicer().left() + " left, " + model.splicer().right()
                        + " right, edges repeated) of normalised features");
        md.put(
                "amdistill.output",
                OUTPUT + ": [frames, " + model.numPdfs()
                        + "] log p(pdf | frame); scaled likelihood = log posterior - log prior");
        StringBuilder pri = new StringBuilder();
        for (float p : model.logPriors()) {
            pri.append(pri.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.8g", p));
        }
        md.put("amdistill.log_priors", pri.toString());
        var fbank = model.frontEnd().fbank();
        md.put(
                "amdistill.fbank_options",
                fbank == null ? "unknown (model trained without --fbank-config)" : String.join(" ", fbank.toArgs()));
        md.put("amdistill.cmvn", model.cmvn().describe());
        md.put("amdistill.left_context", "" + model.splicer().left());
        md.put("amdistill.right_context", "" + model.splicer().right());
        StringBuilder names = new StringBuilder();
        for (int p = 0; p < model.numPdfs(); p++) {
            names.append(p == 0 ? "" : " ").append(model.inventory().pdfName(p));
        }
        md.put("amdistill.pdf_names", names.toString());
        md.put("amdistill.hmm_inventory", model.inventory().toText());
        md.put("amdistill.transitions", model.transitions().toText());
        return md;
    }

    private static ProtoWriter node(String op, String output, String... inputs) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output);
        n.string(3, output);
        n.string(4, op);
        return n;
    }

    private static ProtoWriter tensor(String name, long[] dims, INDArray values) {
        float[] v = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer raw = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            raw.putFloat(f);
        }
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.integer(1, d);
        }
        t.integer(2, FLOAT);
        t.string(8, name);
        t.bytes(9, raw.array());
        return t;
    }

    /** A float tensor [frames, dim] with a symbolic first dimension. */
    private static ProtoWriter valueInfo(String name, int dim) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "frames"))
                .message(1, new ProtoWriter().integer(1, dim));
        ProtoWriter tensorType = new ProtoWriter().integer(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
