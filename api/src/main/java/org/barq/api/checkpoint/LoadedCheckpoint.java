package org.barq.api.checkpoint;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.model.Mlp;
import org.barq.api.model.RoundedModel;

/**
 * A validated checkpoint as read by {@link Checkpoints#read}.
 *
 * @param model    the runnable model; for a rounded checkpoint its weights are the dequantized codes
 * @param rounded  the codes, scales and bit width of a rounded checkpoint; empty for a float one
 * @param metadata the whole {@code __metadata__} map, sorted (copied, unmodifiable)
 * @param sha256   SHA-256 of the file bytes, lowercase hex (what {@code sha256sum} prints)
 */
public record LoadedCheckpoint(Mlp model, Optional<RoundedModel> rounded, SortedMap<String, String> metadata,
                               String sha256) {

    /** Copies the metadata. */
    public LoadedCheckpoint {
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    /** @return true when the checkpoint holds a rounded model ({@code barq.format = mlp-q-v1}) */
    public boolean isRounded() {
        return rounded.isPresent();
    }
}
