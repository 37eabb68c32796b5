package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.barq.api.InvalidInputException;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.Test;

/** Probe. */
class StudyConfigTest {
    @Test
    void probe() {
        StudyConfig c = StudyConfigs.read(Path.of("../configs/smoke.yaml"));
        System.out.println(StudyConfigs.toYaml(c));
        String[] bad = {
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest, solverz: 1}]\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\nsolverz: 1\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\nobjectives: [{kind: hinge, lambdas: [1], band: 1.5}]\n",
            "dataset: {spec: digits}\nmodel: {train: {epochs: x}}\nbits: [4]\nsolvers: [{name: nearest}]\n",
            "dataset: {spec: digits}\nmodel: {train: {epochs: 0}}\nbits: [4]\nsolvers: [{name: nearest}]\n",
            "dataset: {spec: digits}\nmodel: {train: {lr: 3e-3}}\nbits: [4, 9]\nsolvers: [{name: nearest}]\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\noutputs: {keep_checkpoints: some}\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest, options: {a: {b: 1}}}]\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: 4\nsolvers: [{name: nearest}]\n",
            "dataset: {spec: digitz}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\n",
            "dataset: {spec: digits}\nbits: [4]\nsolvers: [{name: nearest}]\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\ninterpolation: {pairs: [[4, 6]]}\n",
            "dataset: {spec: digits}\nmodel: {train: {}}\nbits: [4]\nsolvers: [{name: nearest}]\nobjectives: [{kind: hinge, lambdas: [1], solvers: [cd]}]\n",
            "dataset: {spec: digits\nmodel: {train: {}}\n",
            "- a\n- b\n",
        };
        for (String b : bad) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> StudyConfigs.parse(b, "x.yaml"));
            System.out.println(e.getMessage());
        }
        assertTrue(true);
        assertEquals(1, 1);
    }
}
