package org.barq.interop.onnx;

import java.util.OptionalInt;
import org.barq.api.InvalidInputException;

/**
 * How a checkpoint becomes ONNX.
 *
 * @param quantized true for integer codes dequantized in the graph (QDQ), false for float weights
 * @param opset     the default-domain opset, 13 or 21; empty picks 21 for codes of 2 to 4 bits (INT4) or with
 *                  group-wise scales, and 13 otherwise (INT8 codes, or float weights)
 */
public record OnnxExportOptions(boolean quantized, OptionalInt opset) {
    /** The opset that has INT8 {@code DequantizeLinear} per axis and runs almost everywhere. */
    public static final int INT8_OPSET = 13;
    /** The first opset with INT4 tensors and blocked {@code DequantizeLinear}. */
    public static final int INT4_OPSET = 21;

    /** Validates the opset. */
    public OnnxExportOptions {
        if (opset.isPresent() && opset.getAsInt() != INT8_OPSET && opset.getAsInt() != INT4_OPSET) {
            throw new InvalidInputException("ONNX opset " + opset.getAsInt() + " is not one barq writes: use "
                    + INT8_OPSET + " (INT8 codes) or " + INT4_OPSET + " (INT4 codes for 2 to 4 bits). Maybe "
                    + INT4_OPSET + "?");
        }
    }

    /**
     * @param bits    the codes' bit width
     * @param grouped whether some layer has group-wise scales, which need opset 21's {@code block_size}
     * @return the opset to write
     * @throws InvalidInputException when opset 13 was asked for group-wise scales
     */
    int opsetFor(int bits, boolean grouped) {
        if (grouped && opset.orElse(INT4_OPSET) != INT4_OPSET) {
            throw new InvalidInputException("group-wise scales need DequantizeLinear's block_size, which ONNX has from"
                    + " opset " + INT4_OPSET + ", not at opset " + opset.getAsInt() + ". Maybe --onnx-opset "
                    + INT4_OPSET + ", or quantize per row (--group-size 0)?");
        }
        return opset.orElse(quantized && (bits <= 4 || grouped) ? INT4_OPSET : INT8_OPSET);
    }
}
