package org.barq.experiments.provenance;

import java.util.SortedMap;
import org.barq.api.InvalidInputException;

/** The free-form {@code barq.*} provenance keys barq adds to checkpoints (FORMULATION §6 allows them). */
public final class ModelMetadata {
    /** The data set spec the model was trained on. */
    public static final String DATASET = "barq.dataset";
    /** SHA-256 of the data set's files. */
    public static final String DATASET_SHA256 = "barq.dataset_sha256";
    /** The split seed. */
    public static final String SPLIT_SEED = "barq.split_seed";
    /** The cap of the calibration split (absent in files of earlier versions: the default, 1280). */
    public static final String CALIBRATION_MAX = "barq.calibration_max";
    /** The training seed. */
    public static final String TRAIN_SEED = "barq.train_seed";
    /** Training settings, as a compact JSON object. */
    public static final String TRAINING = "barq.training";
    /** Test accuracy of the float model after training. */
    public static final String TEST_ACCURACY = "barq.test_accuracy";
    /** How the input quantizer was trained ({@code barq train --input-bits}): quantizer, bits and decay as JSON. */
    public static final String INPUT_TRAINING = "barq.input_training";
    /** In a rounded checkpoint: the {@link #TEST_ACCURACY} of the float model it was rounded from. */
    public static final String SOURCE_TEST_ACCURACY = "barq.source_test_accuracy";
    /** barq's version and commit. */
    public static final String VERSION = "barq.version";
    /** The objective's settings: kind, lambda, band, gamma, inputs. */
    public static final String OBJECTIVE_SETTINGS = "barq.objective_settings";
    /** The solver's resolved options and budget. */
    public static final String SOLVER_SETTINGS = "barq.solver_settings";
    /** Rounded checkpoint of a plug-in solver: its class and jar with the jar's SHA-256 (absent for built-ins). */
    public static final String SOLVER_SOURCE = "barq.solver_source";
    /** Per-layer R and G at round-to-nearest and at the solution, as a JSON list. */
    public static final String LAYER_TERMS = "barq.layer_terms";
    /** Rounded checkpoint: the output pass's choices and effect (JSON), when the rounding had one. */
    public static final String OUTPUT_PASS = "barq.output_pass";
    /**
     * Rounded checkpoint: the layers (as in {@code barq.layer_terms}) whose solve ran until its time limit, e.g.
     * {@code [0,1]}; absent when none did, the only case in which the seed alone determines the codes.
     */
    public static final String TIME_LIMIT_REACHED = "barq.time_limit_reached";

    /** Rounded checkpoint: the preset that chose the rounding's settings, e.g. {@code boundary-aware}. */
    public static final String PRESET = "barq.preset";

    /**
     * @param metadata a checkpoint's metadata
     * @param key      the key of an integer barq records, e.g. {@link #SPLIT_SEED}
     * @param absent   what a file that records none was made with
     * @param hint     what to do when the value is not an integer, for the refusal's "Maybe"
     * @return the recorded integer, or {@code absent}
     * @throws InvalidInputException when the value is not an integer
     */
    public static long integer(SortedMap<String, String> metadata, String key, long absent, String hint) {
        String recorded = metadata.get(key);
        if (recorded == null) {
            return absent;
        }
        try {
            return Long.parseLong(recorded);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("the model's " + key + " is '" + recorded + "', not an integer. Maybe "
                    + hint + "?");
        }
    }

    private ModelMetadata() {
    }
}
