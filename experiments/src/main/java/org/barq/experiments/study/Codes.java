package org.barq.experiments.study;

import org.barq.api.Sha256;
import org.barq.api.model.QuantizedLayer;
import org.barq.api.model.RoundedModel;

/** The fingerprint of a rounding: what {@code reproduce} compares. */
public final class Codes {
    private Codes() {
    }

    /**
     * @param rounded a rounded model
     * @return SHA-256 over every layer's codes bytes (row-major I8), first layer to last, lowercase hex
     */
    public static String sha256(RoundedModel rounded) {
        return Sha256.hex(rounded.quantized().stream().map(QuantizedLayer::codes).toArray(byte[][]::new));
    }
}
