package org.barq.api.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.barq.api.InvalidInputException;

/**
 * The content of a safetensors file: named tensors in file order and the {@code __metadata__} map.
 *
 * <p>Order is part of the content: {@link Safetensors#write} lays the tensors out in the iteration order of
 * {@link #tensors()}, and {@link Safetensors#read} returns them in the order of their data offsets, so that reading
 * and rewriting a file gives the same bytes. Metadata is always sorted by key.
 *
 * @param tensors  the tensors by name, in file order (copied into an unmodifiable insertion-ordered map)
 * @param metadata the string-to-string metadata, sorted by key (copied)
 */
public record SafetensorsFile(Map<String, Tensor> tensors, SortedMap<String, String> metadata) {

    /** The reserved header key that holds the metadata. */
    public static final String METADATA_KEY = "__metadata__";

    /** Validates the names and values and copies both maps. */
    public SafetensorsFile {
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().equals(METADATA_KEY)) {
                throw new InvalidInputException("tensor name '" + e.getKey() + "' is not allowed. Maybe rename it?");
            }
            if (e.getValue() == null) {
                throw new InvalidInputException("tensor '" + e.getKey() + "' is null.");
            }
            t.put(e.getKey(), e.getValue());
        }
        TreeMap<String, String> m = new TreeMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new InvalidInputException("metadata entry " + e.getKey() + "=" + e.getValue()
                        + " has a null key or value. Maybe use an empty string?");
            }
            m.put(e.getKey(), e.getValue());
        }
        tensors = Collections.unmodifiableMap(t);
        metadata = Collections.unmodifiableSortedMap(m);
    }

    /**
     * @param name a tensor name
     * @return that tensor
     * @throws InvalidInputException if there is none of that name
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("tensor '" + name + "' is missing; the file has " + tensors.keySet()
                    + ". Maybe the file is not a barq checkpoint, or was edited?");
        }
        return t;
    }

    /**
     * @param prefix a name prefix, e.g. {@code correction.}
     * @param keep   true for the tensors whose name starts with it, false for the others
     * @return those tensors, in file order: an optional part of a checkpoint, or the file without it
     */
    public Map<String, Tensor> tensors(String prefix, boolean keep) {
        Map<String, Tensor> selected = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith(prefix) == keep) {
                selected.put(name, t);
            }
        });
        return selected;
    }
}
