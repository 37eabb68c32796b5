package org.barq.evaluation.interpolation;

import org.barq.api.InvalidInputException;
import org.barq.evaluation.slice.SliceMasks;

/**
 * The reconfigured junctions of an interpolation (FORMULATION §5, §8): the triple-junction blocks of either end
 * ({@code t = 0} or {@code t = 1}) that contain a cell whose label changed at some step. A block that is a junction at
 * both ends counts once, and a changed cell shared by several such blocks counts once.
 *
 * @param blocks       reconfigured junction blocks
 * @param changedCells distinct changed cells inside those blocks
 */
public record ReconfiguredJunctions(int blocks, int changedCells) {

    /**
     * @param low     labels at {@code t = 0}, index {@code row * G + col}
     * @param high    labels at {@code t = 1}
     * @param changed per cell: did its label change at some step
     * @param g       {@code G}
     * @return the counts
     */
    public static ReconfiguredJunctions of(int[] low, int[] high, boolean[] changed, int g) {
        if (low.length != high.length || changed.length != low.length) {
            throw new InvalidInputException("interpolation grids have " + low.length + ", " + high.length + " and "
                    + changed.length + " cells. Maybe slices of different grids?");
        }
        boolean[] lowJunctions = SliceMasks.junctions(low, g);
        boolean[] highJunctions = SliceMasks.junctions(high, g);
        boolean[] counted = new boolean[changed.length];
        int blocks = 0;
        int cells = 0;
        int side = g - 1;
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                int block = row * side + col;
                if (!lowJunctions[block] && !highJunctions[block]) {
                    continue;
                }
                int corner = row * g + col;
                int[] members = {corner, corner + 1, corner + g, corner + g + 1};
                boolean reconfigured = false;
                for (int cell : members) {
                    reconfigured |= changed[cell];
                }
                if (!reconfigured) {
                    continue;
                }
                blocks++;
                for (int cell : members) {
                    if (changed[cell] && !counted[cell]) {
                        counted[cell] = true;
                        cells++;
                    }
                }
            }
        }
        return new ReconfiguredJunctions(blocks, cells);
    }
}
