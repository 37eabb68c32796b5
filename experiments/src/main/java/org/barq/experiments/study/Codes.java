package org.barq.experiments.study;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (QuantizedLayer q : rounded.quantized()) {
                digest.update(q.codes());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
