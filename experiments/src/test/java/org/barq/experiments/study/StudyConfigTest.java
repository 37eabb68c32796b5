package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.barq.api.InvalidInputException;
import org.barq.api.data.SampleShape;
import org.barq.experiments.BarqModule;
import org.barq.experiments.pipeline.SequentialRounding;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.barq.solvers.SolverRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Config parsing: the shipped configs, the defaults, and errors that name the key path and the value. */
class StudyConfigTest {
    private static final Injector INJECTOR = Guice.createInjector(new BarqModule());
    private static final String BASE = "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\n";

    static Stream<Path> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "configs"))) {
            // Features studies (configs/features.yaml) are another kind of config: FeaturesStudyTest reads them.
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !StudyConfigs.isFeatures(StudyConfigs.text(p)))
                    .filter(p -> !StudyConfigs.isInputBits(StudyConfigs.text(p))).sorted().toList();
            assertTrue(yaml.size() >= 5, "digits, mnist, fashion-mnist, stress-3bit and smoke ship: " + yaml);
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void everyShippedConfigParsesAndItsSolversValidate(Path file) {
        StudyConfig config = StudyValidation.resolve(StudyConfigs.read(file),
                INJECTOR.getInstance(SolverRegistry.class), INJECTOR.getInstance(SequentialRounding.class));
        assertFalse(Variants.of(config).isEmpty(), file.toString());
        String yaml = StudyConfigs.toYaml(config);
        StudyConfig again = StudyConfigs.parse(yaml, "resolved " + file);
        assertEquals(config, again, "the resolved config reads back as itself");
        assertEquals(yaml, StudyConfigs.toYaml(again), "and writes the same text, so its hash is stable");
    }

    @Test
    void theDigitsStudyHasAllEightSolversCdFromGptqTheSweepAndThreeSeeds() {
        StudyConfig config = StudyConfigs.read(Path.of("..", "configs", "digits.yaml"));
        assertEquals(List.of(3, 4, 5, 6, 7, 8), config.bits());
        assertEquals(List.of("nearest", "stochastic", "greedy", "coordinate-descent", "cd-from-gptq", "local-search",
                "adaround", "gptq", "pair-search"), config.solverLabels());
        assertEquals("gptq", config.solvers().get(4).options().get("start"));
        assertEquals(List.of(0L, 1L, 2L), config.seeds());
        assertEquals(6 * 9 * 3 + 2 * 3 * 4 * 3, Variants.of(config).size());
        assertTrue(config.stopping().enabled() && config.interpolation().enabled());
    }

    @Test
    void absentKeysTakeTheirDefaults() {
        StudyConfig config = StudyConfigs.parse(BASE + "solvers: [{name: nearest}]\n", "defaults.yaml");
        assertEquals("absmax", config.grid());
        assertEquals(List.of(0L), config.seeds());
        assertEquals(40, config.model().train().epochs());
        assertEquals(List.of(64), config.model().train().hidden());
        assertEquals(0.003, config.model().train().lr());
        assertEquals("reconstruction", config.objectives().get(0).kind());
        assertEquals(List.of(4), config.objectives().get(0).bits(), "an objective applies at every bit width");
        assertEquals(200, config.evaluation().sliceGrid());
        assertEquals(0.5, config.stopping().tauJaccard());
        assertEquals("none", config.outputs().keepCheckpoints().mode());
        assertEquals(300.0, config.solvers().get(0).timeLimit());
        assertEquals(1280, config.dataset().splitSpec().calibrationMax());
    }

    @Test
    void anArchitectureTakesThePlaceOfHiddenAndRoundTrips() {
        String rest = "dataset: {spec: digits}\nbits: [4]\nsolvers: [{name: nearest}]\n";
        StudyConfig config = StudyConfigs.parse(rest + "model: {train: {arch: 'conv(4,k3)-relu-flatten-dense(10)'}}\n",
                "cnn.yaml");
        assertEquals("conv(4,k3)-relu-flatten-dense(10)", config.model().train().arch());
        assertEquals(null, config.model().train().hidden(), "no [64] default beside an architecture");
        String yaml = StudyConfigs.toYaml(config);
        assertTrue(yaml.contains("arch:") && !yaml.contains("hidden"), yaml);
        assertEquals(yaml, StudyConfigs.toYaml(StudyConfigs.parse(yaml, "resolved cnn.yaml")));
        assertFalse(StudyConfigs.toYaml(StudyConfigs.parse(rest + "model: {train: {}}\n", "mlp.yaml"))
                .contains("arch"), "an MLP's resolved config, and so its hash, is as before");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(rest
                + "model: {train: {hidden: [8], arch: 'dense(10)'}}\n", "both.yaml"));
        assertTrue(e.getMessage().contains("both hidden and arch"), e.getMessage());
    }

    @Test
    void aGroupSizeSitsBesideTheGridAndOnlyAPositiveOneEntersTheResolvedConfig() {
        String rest = "solvers: [{name: nearest}]\n";
        StudyConfig perRow = StudyConfigs.parse(BASE + rest, "rows.yaml");
        StudyConfig zero = StudyConfigs.parse(BASE + rest + "group_size: 0\n", "zero.yaml");
        assertEquals(0, perRow.groupSizeOrZero());
        assertEquals(0, perRow.gridSpec(4).groupSize());
        assertEquals(StudyConfigs.toYaml(perRow), StudyConfigs.toYaml(zero), "0 is the absent key, one hash");
        assertFalse(StudyConfigs.toYaml(perRow).contains("group_size"), "a per-row study hashes as before");

        StudyConfig grouped = StudyConfigs.parse(BASE + rest + "grid: mse\ngroup_size: 16\n", "g16.yaml");
        assertEquals(new org.barq.api.grid.GridSpec(4, org.barq.api.grid.ScaleMethod.MSE, 16), grouped.gridSpec(4));
        String yaml = StudyConfigs.toYaml(grouped);
        assertTrue(yaml.contains("group_size: 16"), yaml);
        assertEquals(grouped, StudyConfigs.parse(yaml, "resolved g16.yaml"));
        assertEquals(16, Variants.of(grouped).get(0).plan(grouped).grid().groupSize());
    }

    @Test
    void aDatasetOrSolverGivenByNameAloneIsTheMappingWithItsDefaults() {
        String rest = "model: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\n";
        StudyConfig shorthand = StudyConfigs.parse("dataset: digits\nmodel: {train: {}}\nbits: [4]\n"
                + "solvers: [nearest]\n", "short.yaml");
        StudyConfig mapping = StudyConfigs.parse("dataset: {spec: digits}\n" + rest, "long.yaml");
        assertEquals(mapping, shorthand);
        assertEquals(StudyConfigs.toYaml(mapping), StudyConfigs.toYaml(shorthand), "one resolved text, one hash");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("dataset: digitz\n" + rest, "bad.yaml"));
        assertTrue(e.getMessage().contains("digitz") && e.getMessage().contains("Maybe"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void theCalibrationCapSetsTheSplitAndIsChecked() {
        String rest = "model: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\n";
        StudyConfig config = StudyConfigs.parse("dataset: {spec: digits, calibration_max: 100}\n" + rest, "cap.yaml");
        assertEquals(100, Study.splits(config).calibration().size());
        assertEquals(270, Study.splits(StudyConfigs.parse("dataset: {spec: digits}\n" + rest, "default.yaml"))
                .calibration().size(), "20 % of the 1347 samples the test split leaves");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse("dataset: {spec: digits, calibration_max: 0}\n" + rest, "bad.yaml"));
        assertTrue(e.getMessage().contains("calibration_max = 0"), e.getMessage());
    }

    @Test
    void anInputShapeShapesACsvSetAndRoundTripsWhileItsAbsenceLeavesNoKey(@TempDir Path tmp) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            rows.append(i).append(',').append(i + 1).append(',').append(i + 2).append(',').append(i % 7).append(',')
                    .append(i % 2).append('\n');
        }
        String spec = "csv:" + Files.writeString(tmp.resolve("four.csv"), rows);
        String rest = "model: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\n";
        StudyConfig config = StudyConfigs.parse("dataset: {spec: '" + spec + "', input_shape: [1, 2, 2]}\n" + rest,
                "shape.yaml");
        assertEquals(new SampleShape(1, 2, 2), Study.splits(config).test().shape());
        String yaml = StudyConfigs.toYaml(config);
        assertTrue(yaml.contains("input_shape:"), yaml);
        StudyConfig again = StudyConfigs.parse(yaml, "resolved shape.yaml");
        assertEquals(config, again);
        assertEquals(yaml, StudyConfigs.toYaml(again));

        StudyConfig flat = StudyConfigs.parse("dataset: {spec: '" + spec + "'}\n" + rest, "flat.yaml");
        assertEquals(SampleShape.flat(4), Study.splits(flat).test().shape());
        assertFalse(StudyConfigs.toYaml(flat).contains("input_shape"), "an absent key stays out of the hashed YAML");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Study.splits(StudyConfigs.parse(
                "dataset: {spec: '" + spec + "', input_shape: [1, 3, 3]}\n" + rest, "nine.yaml")));
        assertTrue(e.getMessage().contains("has 4 features per sample but input_shape 1x3x3 holds 9"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Study.splits(StudyConfigs.parse(
                "dataset: {spec: digits, input_shape: [1, 4, 16]}\n" + rest, "digits.yaml")));
        assertTrue(e.getMessage().endsWith("Maybe leave input_shape out?"), e.getMessage());
    }

    @Test
    void anInputShapeThatIsNotThreePositiveIntegersIsNamed() {
        String rest = "model: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\n";
        for (String bad : new String[] {"[8, 8]", "[0, 8, 8]", "[1, 8, 8, 1]"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                    "dataset: {spec: digits, input_shape: " + bad + "}\n" + rest, "bad.yaml"));
            assertTrue(e.getMessage().contains("dataset.input_shape = ") && e.getMessage().contains(
                    "is not [C, H, W] with three positive integers. Maybe input_shape: [3, 32, 32]?"), e.getMessage());
        }
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits, input_shape: [1, null, 8]}\n" + rest, "bad.yaml"));
        assertEquals("config bad.yaml: dataset.input_shape[1] has no value. Maybe give one, or leave the key out for"
                + " its default?", empty.getMessage());
    }

    /** A key without a value was read as absent: {@code seeds:} ran seed 0 without a word. */
    @Test
    void aKeyWithoutAValueIsRefusedNamingIt() {
        String base = "dataset: digits\nmodel: {train: {}}\nbits: [4]\nsolvers: [nearest]\n";
        InvalidInputException seeds = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                base + "seeds:\n", "s.yaml"));
        assertEquals("config s.yaml: seeds has no value. Maybe give one, or leave the key out for its default?",
                seeds.getMessage());
        StudyConfig resolved = StudyConfigs.parse(base, "s.yaml");
        assertTrue(StudyConfigs.toYaml(resolved).contains("output_pass: null"), "what a resolved config writes");
        assertEquals(resolved, StudyConfigs.parse(StudyConfigs.toYaml(resolved), "resolved"), "and reads back");
    }

    /**
     * One lambda runs the pass without cross-validation, so its settings are refused when given (above), but their
     * defaults, which a resolved config spells out, are taken, so that a recorded study reads back and resumes.
     */
    @Test
    void oneLambdaTakesTheCrossValidationsDefaultsAsAResolvedConfigWritesThem() {
        StudyConfig config = StudyConfigs.parse(BASE + "solvers: [{name: gptq, output_pass: {lambdas: [1], folds: 3,"
                + " band: 0.2, r_limit: 1.1}}]\n", "one.yaml");
        assertEquals(config, StudyConfigs.parse(StudyConfigs.toYaml(config), "resolved"));
        assertEquals(3, config.solvers().get(0).outputPass().folds());
    }

    /**
     * An empty pairs list interpolated nothing and wrote an empty interpolation.json; it is still what a resolved
     * config writes for bits without an adjacent pair, and reads back there.
     */
    @Test
    void anEmptyInterpolationPairListIsRefusedWhereTheBitsHaveAdjacentPairs() {
        String two = "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [3, 4, 6]\nsolvers: [nearest]\n";
        String empty = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(two
                + "interpolation: {enabled: true, solver: nearest, pairs: []}\n", "i.yaml")).getMessage();
        assertEquals("config i.yaml: interpolation.pairs = []: the list is empty, so nothing would be interpolated."
                + " Maybe leave pairs out for every adjacent pair of the bits [[3, 4]], or enabled: false?", empty);
        assertEquals(List.of(), StudyConfigs.parse(two + "interpolation: {enabled: false, pairs: []}\n", "i.yaml")
                .interpolation().pairs(), "turned off, an empty list says the same");
        StudyConfig single = StudyConfigs.parse(BASE + "solvers: [nearest]\n", "i.yaml");
        assertEquals(List.of(), single.interpolation().pairs());
        assertEquals(single, StudyConfigs.parse(StudyConfigs.toYaml(single), "resolved"));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("solvers: [{name: nearest, solverz: 1}]\n",
                        "config bad.yaml: unknown key 'solverz' at solvers[0]. Maybe one of: label, name, options,"
                                + " output_pass, time_limit?"),
                Arguments.of("solvers: [{name: gptq, output_pass: {folds: 1}}]\n",
                        "config bad.yaml: at solvers[0].output_pass: output pass folds 1 must be at least 2. Maybe 3?"),
                Arguments.of("solvers: [{name: gptq, output_pass: {lambdas: [1, -1]}}]\n",
                        "config bad.yaml: at solvers[0].output_pass: output pass lambda -1.0 must be finite and at least 0."
                                + " Maybe [0, 0.3, 1, 3, 10]?"),
                Arguments.of("solvers: [{name: gptq, output_pass: {lambdas: [1], folds: 5}}]\n",
                        "config bad.yaml: solvers[0].output_pass.folds = 5: is a setting of the cross-validation that"
                                + " chooses among lambdas, and lambdas [1.0] has one, used without it. Maybe more"
                                + " lambdas, e.g. [0, 1], or leave folds out?"),
                Arguments.of("solvers: [{name: gptq, output_pass: {lambdas: [0], band: 0.5}}]\n",
                        "solvers[0].output_pass.band = 0.5: is a setting of the cross-validation"),
                Arguments.of("solvers: [{name: gptq, output_pass: {lambdas: [3], r_limit: 0}}]\n",
                        "solvers[0].output_pass.r_limit = 0.0: is a setting of the cross-validation that chooses"
                                + " among lambdas, and lambdas [3.0] has one, used without it. Maybe more lambdas,"
                                + " e.g. [0, 3], or leave r_limit out?"),
                Arguments.of("solvers: [{name: gptq, output_pass: {r_limit: 0.5}}]\n",
                        "config bad.yaml: at solvers[0].output_pass: output pass r_limit 0.5 must be 0 (no limit) or a"
                                + " factor of at least 1. Maybe 1.1?"),
                Arguments.of("solvers: [{name: nearest}]\nseedz: [1]\n",
                        "config bad.yaml: unknown key 'seedz' at the top level. Maybe one of: bits, cluster, corrections, dataset,"),
                Arguments.of("solvers: [{name: nearest}]\nevaluation: {slice_grid: 200, bandd: 0.1}\n",
                        "unknown key 'bandd' at evaluation. Maybe one of: band, interpolation_steps, slice_grid,"
                                + " slice_range?"),
                // bounded when the config is read: a large slice ran out of memory only after the model's training
                Arguments.of("solvers: [{name: nearest}]\nevaluation: {slice_grid: 100000}\n",
                        "config bad.yaml: evaluation.slice_grid = 100000: is more than 1000 cells a side (the slice's"
                                + " time grows with the square of it). Maybe 200?"),
                Arguments.of("solvers: [{name: nearest}]\nevaluation: {interpolation_steps: 100000000}\n",
                        "config bad.yaml: evaluation.interpolation_steps = 100000000: is more than 200 steps, each of"
                                + " which labels the whole slice again. Maybe 20?"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: hinge, lambdas: [1], band: 1.5}]\n",
                        "config bad.yaml: objectives[0].band = 1.5: must lie in (0, 1]"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: reconstruction, band: 0.3}]\n",
                        "objectives[0].band = 0.3: picks the surrogate's samples, and reconstruction has none. Maybe"
                                + " kind: hinge or gap, or leave band out (the evaluation's band is evaluation:"
                                + " {band: ..})?"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: gap, lambdas: [1], gamma: 0.3}]\n",
                        "objectives[0].gamma = 0.3: is the hinge surrogate's, and gap has none. Maybe kind: hinge,"
                                + " or leave gamma out?"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: hinge, lambdas: [1, -2]}]\n",
                        "objectives[0].lambdas[1] = -2.0: must be a finite number >= 0"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: hinge, lambdas: [.nan]}]\n",
                        "config bad.yaml: objectives[0].lambdas[0] = .nan: is not a finite number. Maybe a finite"
                                + " one?"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: hinge}]\n",
                        "missing key 'lambdas' at objectives[0]."),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: hinje, lambdas: [1]}]\n",
                        "objectives[0].kind = hinje: unknown objective 'hinje'. Maybe one of: reconstruction, gap,"
                                + " hinge?"),
                Arguments.of("solvers: [{name: nearest}]\nseeds: [1, 1]\n", "seeds[1] = 1: appears twice"),
                Arguments.of("solvers: [{name: nearest, time_limit: 0}]\n", "solvers[0].time_limit = 0.0: must be"),
                Arguments.of("solvers: [{name: nearest}]\nstopping: {tau_flip: 2}\n", "stopping.tau_flip = 2.0:"),
                Arguments.of("solvers: [{name: nearest}]\nstopping: {enabled: false, tau_flip: 0.05}\n",
                        "stopping.tau_flip = 0.05: is a threshold of the stopping rule, and enabled: false turns the"
                                + " rule off. Maybe enabled: true, or leave tau_flip out?"),
                Arguments.of("solvers: [{name: nearest}]\ngrid: mse2\n", "grid = mse2: unknown grid 'mse2'"),
                Arguments.of("solvers: [{name: nearest}]\ngroup_size: -2\n", "group_size = -2: must be 0 (one scale"
                        + " per row) or a positive number of inputs. Maybe 32?"),
                Arguments.of("solvers: [{name: nearest}]\noutputs: {keep_checkpoints: some}\n",
                        "outputs.keep_checkpoints = \"some\": use none, all, best or a list"),
                Arguments.of("solvers: [{name: nearest}]\ninterpolation: {pairs: [[4, 6]]}\n",
                        "interpolation.pairs[0] = [4, 6]: must be two adjacent bit widths"),
                Arguments.of("solvers: [{name: nearest}]\ninterpolation: {pairs: [[4, 5]]}\n",
                        "interpolation.pairs[0] = [4, 5]: 5 bits is not among the study's bits [4]"),
                Arguments.of("solvers: [{name: nearest}]\nobjectives: [{kind: gap, lambdas: [1], solvers: [cd]}]\n",
                        "objectives[0].solvers[0] = cd: is not among the study's [nearest]"),
                Arguments.of("solvers: [{name: nearest}, {name: nearest}]\n", "solvers[1] ="),
                Arguments.of("solvers: [{name: nearest, options: {a: {b: 1}}}]\n",
                        "solvers[0].options.a: expected text, found a mapping"),
                Arguments.of("solvers: nearest\n", "solvers: expected a list, found \"nearest\""));
    }

    /** A data folder that the data set does not read was dropped without a word; it is refused when read. */
    @Test
    void aDataDirThatTheDataSetDoesNotReadIsRefused() {
        String rest = "model: {train: {}}\nbits: [4]\nsolvers: [nearest]\n";
        InvalidInputException digits = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits, data_dir: /nonexist}\n" + rest, "dd.yaml"));
        assertEquals("config dd.yaml: dataset.data_dir = /nonexist: digits is embedded in barq, so data_dir has no"
                + " effect. Maybe drop it?", digits.getMessage());
        InvalidInputException csv = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: 'csv:w.csv', data_dir: /d}\n" + rest, "dd.yaml"));
        assertTrue(csv.getMessage().contains("dataset.data_dir = /d: csv:w.csv names its own file, so data_dir has"
                + " no effect"), csv.getMessage());
        InvalidInputException idx = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: 'idx:/x', data_dir: /d}\n" + rest, "dd.yaml"));
        assertTrue(idx.getMessage().contains("idx:/x names its own folder"), idx.getMessage());
        assertEquals("/d", StudyConfigs.parse("dataset: {spec: mnist, data_dir: /d}\n" + rest, "dd.yaml").dataset()
                .dataDir());
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badKeysAndValuesFailWithOneLineNamingThem(String rest, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StudyConfigs.parse(BASE + rest, "bad.yaml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /**
     * Messages that were garbled: an empty hint, numbers Jackson cannot hold reported as bad YAML syntax with a hint
     * about indentation, Jackson's own words for a file of comments, and a key path that named its section twice.
     */
    @Test
    void messagesNameTheKeyAndTheValueAndGiveAHint() {
        String base = "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\n";
        assertEquals("config m.yaml: solvers[0].label = \"\": must be letters, digits, '.', '_' or '-', starting with"
                + " a letter or digit (it names files). Maybe leave label out for the name, nearest?",
                refusal(base + "solvers: [{name: nearest, label: \"\"}]\n"));
        assertTrue(refusal(base + "solvers: [{name: nearest, label: \"_b a\"}]\n").endsWith("Maybe b-a?"));
        assertTrue(refusal(base + "solvers: [nearest]\ncorrections: [{name: cat, label: \"\"}]\n").startsWith(
                "config m.yaml: corrections[0].label = \"\": must be letters"));
        assertEquals("config m.yaml: seeds[0] = 99999999999999999999: is too large for a whole number here (at most"
                + " 9223372036854775807). Maybe a smaller value?",
                refusal(base + "solvers: [nearest]\nseeds: [99999999999999999999]\n"));
        assertEquals("config m.yaml: model.train.epochs = 99999999999: is too large for a whole number here (at most"
                + " 2147483647). Maybe a smaller value?",
                refusal(base.replace("{train: {}}", "{train: {epochs: 99999999999}}") + "solvers: [nearest]\n"));
        assertEquals("config m.yaml: evaluation.slice_range = .nan: is not a finite number. Maybe a finite one?",
                refusal(base + "solvers: [nearest]\nevaluation: {slice_range: .nan}\n"));
        assertTrue(refusal(base + "solvers: [nearest]\nevaluation: {slice_range: -.inf}\n").startsWith(
                "config m.yaml: evaluation.slice_range = -.inf: is not a finite number."));
        assertEquals("config m.yaml is empty: it holds no keys. Maybe start from configs/smoke.yaml?",
                refusal("# a study, some day\n"));
        assertEquals("config m.yaml is empty: it holds no keys. Maybe start from configs/smoke.yaml?",
                refusal("---\n"));
        assertEquals("config m.yaml: corrections[0].name = none: is always run: every variant is evaluated without a"
                + " correction too. Maybe remove this entry?",
                refusal(base + "solvers: [nearest]\ncorrections: [{name: none}]\n"));
    }

    private static String refusal(String yaml) {
        return assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(yaml, "m.yaml")).getMessage();
    }

    @Test
    void badTypesAndMissingSectionsNameTheKey() {
        String epochs = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits}\nmodel: {train: {epochs: x}}\nbits: [4]\nsolvers: [{name: nearest}]\n",
                "t.yaml")).getMessage();
        assertEquals("config t.yaml: model.train.epochs: expected a whole number, found \"x\". Maybe check the"
                + " value's type?", epochs);
        String model = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits}\nbits: [4]\nsolvers: [{name: nearest}]\n", "t.yaml")).getMessage();
        assertTrue(model.startsWith("config t.yaml: missing key 'model' at the top level."), model);
        String both = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits}\nmodel: {train: {}, checkpoint: m.safetensors}\nbits: [4]\n"
                        + "solvers: [{name: nearest}]\n", "t.yaml")).getMessage();
        assertTrue(both.contains("give exactly one of train"), both);
        String syntax = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits\nbits: [4]\n", "t.yaml")).getMessage();
        assertTrue(syntax.startsWith("config t.yaml is not valid YAML at line"), syntax);
        String twice = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\ngrid: absmax\ngrid: mse\n"
                        + "solvers: [{name: nearest}]\n", "t.yaml")).getMessage();
        assertTrue(twice.startsWith("config t.yaml: key 'grid' appears twice in one section at line 5")
                && twice.endsWith("Maybe keep one of them?"), twice);
        String inOptions = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(
                "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\n"
                        + "solvers: [{name: coordinate-descent, options: {order: random, order: cyclic}}]\n",
                "t.yaml")).getMessage();
        assertTrue(inOptions.contains("key 'order' appears twice"), inOptions);
        assertTrue(StudyConfigs.isFeatures("features: {}\ndescription: a\ndescription: b\n"),
                "a repeated key does not hide the kind of study, so that its own read names the key");
    }

    @Test
    void solverNamesOptionsAndValuesAreCheckedAgainstTheRegistryBeforeAnyWork() {
        SolverRegistry registry = INJECTOR.getInstance(SolverRegistry.class);
        SequentialRounding rounding = INJECTOR.getInstance(SequentialRounding.class);
        String unknown = assertThrows(InvalidInputException.class, () -> StudyValidation.resolve(
                StudyConfigs.parse(BASE + "solvers: [{name: nearest}, {name: coordinate-descnet}]\n", "s.yaml"),
                registry, rounding)).getMessage();
        assertTrue(unknown.startsWith("solvers[1] (coordinate-descnet): unknown solver 'coordinate-descnet'."),
                unknown);
        String option = assertThrows(InvalidInputException.class, () -> StudyValidation.resolve(
                StudyConfigs.parse(BASE + "solvers: [{name: greedy, options: {max-flipz: 3}}]\n", "s.yaml"),
                registry, rounding)).getMessage();
        assertTrue(option.contains("solvers[0] (greedy): solver greedy has no option 'max-flipz'"), option);
        String value = assertThrows(InvalidInputException.class, () -> StudyValidation.resolve(
                StudyConfigs.parse(BASE + "solvers: [{name: coordinate-descent, options: {order: sideways}}]\n",
                        "s.yaml"), registry, rounding)).getMessage();
        assertTrue(value.startsWith("solvers[0] (coordinate-descent): "), value);
        assertTrue(value.contains("sideways"), value);
    }

    @Test
    void resolvingFillsInEverySolverOptionWithItsDefault() {
        StudyConfig resolved = StudyValidation.resolve(StudyConfigs.parse(BASE
                        + "solvers: [{name: coordinate-descent, options: {order: random}}]\n", "s.yaml"),
                INJECTOR.getInstance(SolverRegistry.class), INJECTOR.getInstance(SequentialRounding.class));
        assertEquals("random", resolved.solvers().get(0).options().get("order"));
        assertEquals("1000", resolved.solvers().get(0).options().get("max-sweeps"));
    }
}
