package org.barq.api.checkpoint;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;
import org.barq.api.correction.LogitCorrection;
import org.barq.api.data.Dataset;
import org.barq.api.model.InputQuantizer;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.api.model.RoundedModel;

/**
 * A validated checkpoint as read by {@link Checkpoints#read}, in any of barq's four formats.
 *
 * @param network  the runnable network; for a rounded checkpoint its weights are the dequantized codes
 * @param rounded  the codes, scales and bit width of a rounded checkpoint; empty for a float one
 * @param correction the logit correction fitted after rounding, when a rounded checkpoint stores one
 * @param metadata the whole {@code __metadata__} map, sorted (copied, unmodifiable)
 * @param sha256   SHA-256 of the file bytes, lowercase hex (what {@code sha256sum} prints)
 * @param input    the input quantizer in front of the network, when it was trained behind one; the network then
 *                 takes the quantizer's decoded values
 */
public record LoadedCheckpoint(Network network, Optional<RoundedModel> rounded, Optional<LogitCorrection> correction,
                               SortedMap<String, String> metadata, String sha256, Optional<InputQuantizer> input) {

    /** A checkpoint without an input quantizer. */
    public LoadedCheckpoint(Network network, Optional<RoundedModel> rounded, Optional<LogitCorrection> correction,
                            SortedMap<String, String> metadata, String sha256) {
        this(network, rounded, correction, metadata, sha256, Optional.empty());
    }

    /** Copies the metadata. */
    public LoadedCheckpoint {
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    /**
     * @param raw a data set of the raw features the model was trained on
     * @return the data as the network sees it: the input quantizer's decoded hard codes when the checkpoint has one
     *         (so that every forward pass, rounding and metric runs the network on them), else {@code raw}
     * @throws InvalidInputException when the data set's features do not match the quantizer's
     */
    public Dataset networkInputs(Dataset raw) {
        return input.map(q -> q.decoded(raw)).orElse(raw);
    }

    /** @return true when the checkpoint holds a rounded model ({@code mlp-q-v1} or {@code net-q-v1}) */
    public boolean isRounded() {
        return rounded.isPresent();
    }

    /**
     * @return the network as an MLP
     * @throws InvalidInputException if it has convolutions or pooling
     */
    public Mlp model() {
        return network.asMlp().orElseThrow(() -> new InvalidInputException("the checkpoint holds "
                + network.spec() + ", not an MLP. Maybe this step does not take convolutional networks yet?"));
    }
}
