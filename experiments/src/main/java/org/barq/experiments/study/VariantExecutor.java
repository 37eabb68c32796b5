package org.barq.experiments.study;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.barq.experiments.pipeline.RoundingOutcome;

/**
 * Where a study's pending variants run: on this JVM's threads ({@link LocalVariants}) or across a cluster
 * ({@link ClusteredVariants}). The study appends the lines and keeps the checkpoints itself, so both give the same
 * run folder.
 */
interface VariantExecutor {
    /**
     * Runs each variant once and hands each finished one to {@code done}, returning when all are done.
     *
     * @param pending the variants, in study order
     * @param done    told of each finished variant; it may be called from several threads, one variant per call
     * @throws RuntimeException what a variant threw
     */
    void run(List<Variant> pending, Consumer<Completed> done);

    /**
     * A finished variant.
     *
     * @param variant    the variant
     * @param line       its results line's object, with {@code member} when it ran on a cluster
     * @param outcome    its rounding when it ran in this JVM, else null
     * @param checkpoint its kept checkpoint's bytes when it ran elsewhere and the study keeps it, else null
     */
    record Completed(Variant variant, Map<String, Object> line, RoundingOutcome outcome, byte[] checkpoint) {
    }
}
