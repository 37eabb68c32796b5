package org.barq.evaluation.slice;

import org.barq.api.InvalidInputException;

/**
 * One model's labels on the cells of a {@link SlicePlane}: what the slice metrics, interpolation and pictures read.
 *
 * @param plane  the plane and its grid
 * @param labels the predicted class of each cell, index {@code row * G + col} (see {@link SlicePlane})
 */
public record Slice(SlicePlane plane, int[] labels) {

    /** Validates that there is one label per cell; the array is copied. */
    public Slice {
        if (labels.length != plane.cells()) {
            throw new InvalidInputException("slice has " + labels.length + " labels for " + plane.cells() + " cells.");
        }
        labels = labels.clone();
    }

    /** @return {@code G}, cells per side */
    public int grid() {
        return plane.grid();
    }

    /** @return the label of cell {@code (row, col)} */
    public int label(int row, int col) {
        return labels[row * plane.grid() + col];
    }

    /** @return a fresh copy of the labels, index {@code row * G + col} */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** @return the boundary mask, see {@link SliceMasks#boundary} */
    public boolean[] boundaryMask() {
        return SliceMasks.boundary(labels, plane.grid());
    }

    /** @return the triple-junction blocks, see {@link SliceMasks#junctions} */
    public boolean[] junctionBlocks() {
        return SliceMasks.junctions(labels, plane.grid());
    }

    /** @return the number of triple-junction blocks */
    public int junctionCount() {
        return SliceMasks.count(junctionBlocks());
    }

    /**
     * @param other another model's slice on the same grid
     * @return the slice-boundary Jaccard distance of the two boundary masks
     */
    public double boundaryJaccard(Slice other) {
        return SliceMasks.jaccardDistance(boundaryMask(), other.boundaryMask());
    }

    /**
     * @param other another model's slice on the same grid
     * @return the grid prediction change: the fraction of cells whose labels differ
     */
    public double changedFraction(Slice other) {
        return SliceMasks.changedFraction(labels, other.labels);
    }
}
