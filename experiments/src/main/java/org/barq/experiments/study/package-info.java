/**
 * Studies: one command ({@code barq run CONFIG}) that trains or loads a float model, rounds it in every variant of a
 * config (bits x solver x objective x lambda x seed) in parallel, evaluates each variant on the calibration and the
 * test split, appends one JSON line per variant to {@code results.jsonl} (resumable), and then applies the stopping
 * rule, interpolates between adjacent bit widths and draws slice pictures. {@code barq reproduce} re-runs one
 * variant from the recorded provenance and checks that it gets the same codes. With {@code --cluster} the variants
 * also run on other machines ({@code barq worker}): {@code ClusteredVariants} sends them
 * through the {@code cluster} module, and {@link org.barq.experiments.study.VariantHandler} rounds them there.
 */
package org.barq.experiments.study;
