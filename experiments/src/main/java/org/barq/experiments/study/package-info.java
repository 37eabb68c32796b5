/**
 * Studies: one command ({@code barq run CONFIG}) that trains or loads a float model, rounds it in every variant of a
 * config (bits x solver x objective x lambda x seed) in parallel, evaluates each variant on the calibration and the
 * test split, appends one JSON line per variant to {@code results.jsonl} (resumable), and then applies the stopping
 * rule, interpolates between adjacent bit widths and draws slice pictures. {@code barq reproduce} re-runs one
 * variant from the recorded provenance and checks that it gets the same codes.
 */
package org.barq.experiments.study;
