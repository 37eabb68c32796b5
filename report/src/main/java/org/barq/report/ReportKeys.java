package org.barq.report;

/**
 * Every file name and JSON key the report reads or writes, in one place so that they can be aligned with the writer of
 * the run's outputs. A key that is missing from a file, or holds {@code null}, reads as "not available": the report
 * then says so instead of failing.
 */
public final class ReportKeys {
    /** One JSON object per variant, one per line. */
    public static final String RESULTS_FILE = "results.jsonl";
    /** The run's provenance. */
    public static final String PROVENANCE_FILE = "provenance.json";
    /** The stopping rule's outcome: one report, or a map from solver name to one report. */
    public static final String STOPPING_FILE = "stopping.json";
    /** The interpolation reports: a list, a map keyed by transition ({@code "b3-b4"}), or a single report. */
    public static final String INTERPOLATION_FILE = "interpolation.json";
    /** The resolved configuration, defaults included, shown verbatim. */
    public static final String RESOLVED_CONFIG_FILE = "config.resolved.yaml";
    /** The folder of the slice and interpolation pictures. */
    public static final String PLOTS_DIR = "plots";
    /**
     * The slice pictures' list, in {@link #PLOTS_DIR}: {@code slices}, each with the variant's {@code id} and its
     * {@code files} (paths from the run folder).
     */
    public static final String SLICES_FILE = PLOTS_DIR + "/slices.json";
    /** slices.json: the list of variants pictured. */
    public static final String SLICES = "slices";
    /** slices.json: a variant's pictures. */
    public static final String FILES = "files";
    /** The HTML report written. */
    public static final String HTML_FILE = "report.html";
    /** The Markdown summary written. */
    public static final String SUMMARY_FILE = "summary.md";

    /** results.jsonl: the variant's name. */
    public static final String ID = "id";
    /** results.jsonl: the variant's position in the run's variant list; orders the variants. */
    public static final String INDEX = "index";
    /** results.jsonl: the bit width. */
    public static final String BITS = "bits";
    /** results.jsonl: the grid (scale choice). */
    public static final String GRID = "grid";
    /** results.jsonl: inputs per scale, 0 (or absent) for one scale per row. */
    public static final String GROUP_SIZE = "group_size";
    /** results.jsonl: the solver's name. */
    public static final String SOLVER = "solver";
    /** results.jsonl: the config entry's label, which names the column when the run's config gave one. */
    public static final String SOLVER_LABEL = "solver_label";
    /** A corrected variant's correction: its name, options and calibration errors. */
    public static final String CORRECTION = "correction";
    /** correction: the method's name ({@code cat}). */
    public static final String CORRECTION_NAME = "name";
    /** correction: its config label, which ends the variant's column label. */
    public static final String CORRECTION_LABEL = "label";
    /** correction: the mean squared distance of the logits to the float ones, calibration split, before it. */
    public static final String CORRECTION_ERROR_BEFORE = "calibration_error_before";
    /** correction: the same after it. */
    public static final String CORRECTION_ERROR_AFTER = "calibration_error_after";
    /** results.jsonl: the solver's options (an object). */
    public static final String SOLVER_OPTIONS = "solver_options";
    /** results.jsonl: the objective (an object with the keys below). */
    public static final String OBJECTIVE = "objective";
    /** objective: the surrogate's name ({@code gap}, {@code hinge}) or {@link #KIND_RECONSTRUCTION}. */
    public static final String KIND = "kind";
    /** objective: {@code lambda}; missing means 0. */
    public static final String LAMBDA = "lambda";
    /** objective: which inputs the reconstruction term uses. */
    public static final String INPUTS = "inputs";
    /** results.jsonl: the seed. */
    public static final String SEED = "seed";
    /** results.jsonl: the summed reconstruction R of all layers of the final rounding. */
    public static final String R_TOTAL = "r_total";
    /** results.jsonl: the output pass's record, when the variant ran one. */
    public static final String OUTPUT_PASS = "output_pass";
    /** output pass: {@code R} of the layer before the last and of the last layer after the pass (a list). */
    public static final String R_LAYERS_AFTER = "r_layers_after";
    /**
     * output pass: what its cross-validation expects of the held-out band pair-order flips, as a fraction of its
     * start's (absent without a cross-validation).
     */
    public static final String EXPECTED_FLIP_RATIO = "expected_flip_ratio";
    /** layer record: the layer's reconstruction {@code R}. */
    public static final String LAYER_R = "r";
    /**
     * Not a key of the line: the last layer's {@code R} (the logits' reconstruction) of the final rounding, read from
     * the output pass when there is one, else from the last layer record.
     */
    public static final String R_LOGITS = "r_logits";
    /** results.jsonl: the per-layer records (a list). */
    public static final String LAYERS = "layers";
    /** layer record: the layer index. */
    public static final String LAYER = "layer";
    /** layer record: the anytime trace, a list of {@code [seconds, step, value]} (or objects with those keys). */
    public static final String TRACE = "trace";
    /** trace point (object form): elapsed seconds. */
    /** The cluster member ({@code host:port}) that ran a variant; absent in a local run. */
    public static final String MEMBER = "member";
    public static final String TRACE_SECONDS = "seconds";
    /** trace point (object form): the objective value {@code J}. */
    public static final String TRACE_VALUE = "value";
    /** trace point (array form): position of the elapsed seconds. */
    public static final int TRACE_SECONDS_POSITION = 0;
    /** trace point (array form): position of the objective value. */
    public static final int TRACE_VALUE_POSITION = 2;
    /** results.jsonl: the metrics on the calibration set (an object of the metric keys below). */
    public static final String CALIBRATION = "calibration";
    /** results.jsonl: the metrics on the test set. */
    public static final String TEST = "test";
    /** results.jsonl and provenance.json: provenance. */
    public static final String PROVENANCE = "provenance";

    /** metric: float accuracy. */
    public static final String ACCURACY_FLOAT = "accuracy_float";
    /** metric: rounded accuracy. */
    public static final String ACCURACY_ROUNDED = "accuracy_rounded";
    /** metric: flip rate. */
    public static final String FLIP_RATE = "flip_rate";
    /** metric: band flip rate. */
    public static final String BAND_FLIP_RATE = "band_flip_rate";
    /** metric: band pair-order flip. */
    public static final String PAIR_ORDER_FLIP = "pair_order_flip";
    /** metric: root mean square of the band's pair-gap change. */
    public static final String BAND_GAP_RMS = "band_gap_rms";
    /** metric: slice-boundary Jaccard distance. */
    public static final String BOUNDARY_JACCARD = "boundary_jaccard";
    /** metric: median boundary displacement. */
    public static final String DISPLACEMENT_MEDIAN = "displacement_median";
    /** metric: samples in the set. */
    public static final String N_SAMPLES = "n_samples";
    /** metric: samples in the band. */
    public static final String N_BAND = "n_band";

    /** The objective kind of pure reconstruction ({@code lambda = 0}). */
    public static final String KIND_RECONSTRUCTION = "reconstruction";
    /** objective: the band quantile beta. */
    public static final String OBJECTIVE_BAND = "band";
    /** objective: the hinge's gamma. */
    public static final String OBJECTIVE_GAMMA = "gamma";
    /** The round-to-nearest solver, which the reference claims about RTN are compared with. */
    public static final String SOLVER_NEAREST = "nearest";

    /** stopping.json: {@code eps_acc}. */
    public static final String EPS_ACC = "eps_acc";
    /** stopping.json: {@code tau_flip}. */
    public static final String TAU_FLIP = "tau_flip";
    /** stopping.json: {@code tau_J}. */
    public static final String TAU_JACCARD = "tau_jaccard";
    /** stopping.json: the float model's calibration accuracy. */
    public static final String FLOAT_CALIBRATION_ACCURACY = "float_calibration_accuracy";
    /** stopping.json: the candidates (a list). */
    public static final String CANDIDATES = "candidates";
    /** stopping.json: the candidate selected by accuracy, or null. */
    public static final String SELECTED_BY_ACCURACY = "selected_by_accuracy";
    /** stopping.json: the candidate selected by the boundary-aware rule, or null. */
    public static final String BOUNDARY_AWARE = "boundary_aware";
    /** stopping.json: the number of variants of the correlation. */
    public static final String N_VARIANTS = "n_variants";
    /** stopping.json: Pearson r of calibration against held-out Jaccard. */
    public static final String JACCARD_PEARSON_R = "jaccard_pearson_r";
    /** stopping candidate: calibration accuracy. */
    public static final String CALIBRATION_ACCURACY = "calibration_accuracy";
    /** stopping candidate: calibration flip rate. */
    public static final String CALIBRATION_FLIP_RATE = "calibration_flip_rate";
    /** stopping candidate: calibration Jaccard. */
    public static final String CALIBRATION_JACCARD = "calibration_jaccard";
    /** stopping candidate: held-out accuracy. */
    public static final String TEST_ACCURACY = "test_accuracy";
    /** stopping candidate: held-out flip rate. */
    public static final String TEST_FLIP_RATE = "test_flip_rate";
    /** stopping candidate: held-out Jaccard. */
    public static final String TEST_JACCARD = "test_jaccard";

    /** interpolation: {@code T}. */
    public static final String STEPS = "steps";
    /** interpolation: {@code G}. */
    public static final String SLICE_GRID = "slice_grid";
    /** interpolation: cells that changed at some step. */
    public static final String CHANGED_CELLS = "changed_cells";
    /** interpolation: changed cells over all cells. */
    public static final String CHANGED_FRACTION = "changed_fraction";
    /** interpolation: triple junctions at {@code t = 0}. */
    public static final String JUNCTIONS_LOW = "junctions_low";
    /** interpolation: triple junctions at {@code t = 1}. */
    public static final String JUNCTIONS_HIGH = "junctions_high";
    /** interpolation: reconfigured junction blocks. */
    public static final String RECONFIGURED_JUNCTIONS = "reconfigured_junctions";
    /** interpolation: changed cells inside reconfigured junctions (the reference claim's numbers). */
    public static final String CHANGED_CELLS_IN_RECONFIGURED = "changed_cells_in_reconfigured_junctions";
    /** interpolation: cells whose first change is at {@code t = k / T}, {@code k = 1..T}. */
    public static final String FIRST_CHANGES_PER_STEP = "first_changes_per_step";
    /** interpolation: the lower bit width. */
    public static final String LOW_BITS = "low_bits";
    /** interpolation: the higher bit width. */
    public static final String HIGH_BITS = "high_bits";
    /** interpolation: its pictures (paths from the run folder). */
    public static final String PLOTS = "plots";

    /** config.resolved.yaml: the stopping rule's section. */
    public static final String CONFIG_STOPPING = "stopping";
    /** config.resolved.yaml: the interpolation's section. */
    public static final String CONFIG_INTERPOLATION = "interpolation";
    /** config.resolved.yaml: whether a section's stage runs. */
    public static final String CONFIG_ENABLED = "enabled";
    /** config.resolved.yaml: the interpolation's pairs of adjacent bit widths. */
    public static final String CONFIG_PAIRS = "pairs";
    /** config.resolved.yaml: the outputs' section. */
    public static final String CONFIG_OUTPUTS = "outputs";
    /** config.resolved.yaml: whether the run draws its slice and interpolation pictures. */
    public static final String CONFIG_PLOTS = "plots";

    /** provenance.json: the config (an object, or its path). */
    public static final String CONFIG = "config";
    /** provenance.json: the config's name, also looked up inside {@link #CONFIG}. */
    public static final String CONFIG_NAME = "name";
    /** provenance.json: the config file's path. */
    public static final String CONFIG_PATH = "config_path";
    /** provenance.json: SHA-256 of the resolved config. */
    public static final String CONFIG_SHA256 = "config_sha256";
    /** provenance.json: the seeds. */
    public static final String SEEDS = "seeds";
    /** provenance.json: data set checksum(s), a string or an object of strings. */
    public static final String DATASET_SHA256 = "dataset_sha256";
    /** provenance.json: the model checksum. */
    public static final String MODEL_SHA256 = "model_sha256";
    /** provenance.json: the project's version. */
    public static final String VERSION = "version";
    /** provenance.json: the git commit. */
    public static final String COMMIT = "commit";
    /** provenance.json: the Java version (a string or an object). */
    public static final String JAVA = "java";
    /** provenance.json: the OS (a string or an object). */
    public static final String OS = "os";

    private ReportKeys() {
    }
}
