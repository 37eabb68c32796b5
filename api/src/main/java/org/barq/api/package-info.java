/**
 * The vocabulary every barq module shares: the model ({@link org.barq.api.model}), data sets and splits
 * ({@link org.barq.api.data}), grids and codes ({@link org.barq.api.grid}), the per-layer rounding problem
 * ({@link org.barq.api.problem}), the objective contract ({@link org.barq.api.objective}), the solver contract
 * ({@link org.barq.api.solver}) and checkpoints ({@link org.barq.api.checkpoint}).
 *
 * <p>Words and symbols follow {@code FORMULATION.md}: grid, codes, band, gap, slice, junction.
 */
package org.barq.api;
