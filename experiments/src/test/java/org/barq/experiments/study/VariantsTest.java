package org.barq.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.barq.api.InvalidInputException;
import org.barq.experiments.study.config.CheckpointSelection;
import org.barq.experiments.study.config.StudyConfig;
import org.barq.experiments.study.config.StudyConfigs;
import org.junit.jupiter.api.Test;

/** The fixed order of a study's variants, their ids, and how variants are looked up and selected. */
class VariantsTest {
    private static final StudyConfig CONFIG = StudyConfigs.parse("""
            dataset: {spec: digits}
            model: {train: {}}
            bits: [4, 3]
            solvers:
              - name: nearest
              - name: local-search
                label: tabu
            objectives:
              - kind: reconstruction
              - {kind: hinge, lambdas: [0.5, 2], bits: [3], solvers: [tabu]}
              - {kind: hinge, lambdas: [0.5], gamma: 0.25, band: 0.1, inputs: float, bits: [3], solvers: [tabu]}
            seeds: [7, 1]
            """, "order.yaml");

    @Test
    void variantsComeInBitsSolverObjectiveLambdaSeedOrderAsConfigured() {
        List<String> ids = Variants.of(CONFIG).stream().map(Variant::id).toList();
        assertEquals(List.of(
                "b4/nearest/reconstruction/l0/s7", "b4/nearest/reconstruction/l0/s1",
                "b4/tabu/reconstruction/l0/s7", "b4/tabu/reconstruction/l0/s1",
                "b3/nearest/reconstruction/l0/s7", "b3/nearest/reconstruction/l0/s1",
                "b3/tabu/reconstruction/l0/s7", "b3/tabu/reconstruction/l0/s1",
                "b3/tabu/hinge/l0.5/s7", "b3/tabu/hinge/l0.5/s1",
                "b3/tabu/hinge/l2/s7", "b3/tabu/hinge/l2/s1",
                "b3/tabu/hinge-g0.25-beta0.1-float/l0.5/s7", "b3/tabu/hinge-g0.25-beta0.1-float/l0.5/s1"), ids);
        List<Variant> variants = Variants.of(CONFIG);
        for (int i = 0; i < variants.size(); i++) {
            assertEquals(i, variants.get(i).index());
        }
        assertEquals(variants, Variants.of(StudyConfigs.parse(StudyConfigs.toYaml(CONFIG), "again")),
                "the same config, read again, gives the same variants");
    }

    @Test
    void aVariantCarriesItsPlanWithOneThread() {
        Variant v = Variants.find(Variants.of(CONFIG), "b3/tabu/hinge-g0.25-beta0.1-float/l0.5/s1");
        var plan = v.plan(CONFIG);
        assertEquals(3, plan.grid().bits());
        assertEquals("local-search", plan.solver());
        assertEquals(0.5, plan.objective().lambda());
        assertEquals(0.25, plan.objective().gamma());
        assertEquals(0.1, plan.objective().band());
        assertEquals("float", plan.objective().inputs().id());
        assertEquals(1L, plan.seed());
        assertEquals(1, plan.threads());
        assertEquals("b3_tabu_hinge-g0.25-beta0.1-float_l0.5_s1", v.fileName());
        assertFalse(v.pureReconstruction());
    }

    @Test
    void variantsAreFoundByIndexOrIdAndPureOnesBySolverSeedAndBits() {
        List<Variant> variants = Variants.of(CONFIG);
        assertEquals("b4/tabu/reconstruction/l0/s1", Variants.find(variants, "3").id());
        assertEquals(9, Variants.find(variants, "b3/tabu/hinge/l0.5/s1").index());
        String message = assertThrows(InvalidInputException.class, () -> Variants.find(variants, "14")).getMessage();
        assertTrue(message.contains("Maybe an index 0..13"), message);
        assertEquals("b3/tabu/reconstruction/l0/s7", Variants.pure(variants, "tabu", 7, 3).orElseThrow().id());
        assertTrue(Variants.pure(variants, "tabu", 5, 3).isEmpty());
    }

    @Test
    void twoObjectivesThatGiveTheSameVariantAreRefused() {
        StudyConfig twice = StudyConfigs.parse("""
                dataset: {spec: digits}
                model: {train: {}}
                bits: [4]
                solvers: [{name: nearest}]
                objectives: [{kind: hinge, lambdas: [1]}, {kind: hinge, lambdas: [2, 1]}]
                """, "twice.yaml");
        String message = assertThrows(InvalidInputException.class, () -> Variants.of(twice)).getMessage();
        assertTrue(message.startsWith("objectives[1] repeats variant b4/nearest/hinge/l1/s0 of objectives[0]"),
                message);
    }

    @Test
    void aSolverThatNoObjectiveAppliesToIsRefused() {
        StudyConfig unused = StudyConfigs.parse("""
                dataset: {spec: digits}
                model: {train: {}}
                bits: [3, 4]
                solvers: [{name: nearest}, {name: coordinate-descent}]
                objectives: [{kind: hinge, lambdas: [1], solvers: [coordinate-descent]}]
                """, "unused.yaml");
        String message = assertThrows(InvalidInputException.class, () -> Variants.of(unused)).getMessage();
        assertEquals("solvers[0] (nearest) gets no variant: no objective applies to it at bits [3, 4] (their solvers:"
                + " and bits: lists leave it out). Maybe add it to an objective's solvers:, or remove it?", message);
    }

    @Test
    void checkpointPatternsMatchVariantIdsSegmentBySegment() {
        CheckpointSelection keep = StudyConfigs.parse("""
                dataset: {spec: digits}
                model: {train: {}}
                bits: [4]
                solvers: [{name: nearest}]
                outputs: {keep_checkpoints: ["b4/*/hinge/**", "b3/nearest/reconstruction/l0/s?"]}
                """, "keep.yaml").outputs().keepCheckpoints();
        assertTrue(keep.keepsAtOnce("b4/coordinate-descent/hinge/l0.5/s1"));
        assertFalse(keep.keepsAtOnce("b4/coordinate-descent/gap/l0.5/s1"));
        assertFalse(keep.keepsAtOnce("b4/a/b/hinge/l1/s0"), "* stays within one segment");
        assertTrue(keep.keepsAtOnce("b3/nearest/reconstruction/l0/s2"));
        assertFalse(keep.keepsAtOnce("b3/nearest/reconstruction/l0/s12"));
        assertFalse(keep.keepsBest());
    }
}
