package org.barq.api.checkpoint;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.model.Network;

/**
 * A validated float checkpoint read as a network by {@link Checkpoints#readNetwork}.
 *
 * @param network  the network
 * @param metadata the whole {@code __metadata__} map, sorted (copied, unmodifiable)
 * @param sha256   SHA-256 of the file bytes, lowercase hex
 */
public record LoadedNetwork(Network network, SortedMap<String, String> metadata, String sha256) {
    /** Copies the metadata. */
    public LoadedNetwork {
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }
}
