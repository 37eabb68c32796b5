package org.barq.evaluation.slice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;
import org.barq.api.data.Dataset;
import org.barq.api.data.SampleShape;
import org.barq.api.model.Mlp;
import org.barq.api.model.Network;
import org.barq.evaluation.TestModels;
import org.barq.objectives.network.Forward;
import org.barq.objectives.network.Matrices;
import org.junit.jupiter.api.Test;

class SlicePlaneTest {
    private static SlicePlane crossPlane(int grid) {
        Dataset set = TestModels.cross(new int[] {0, 1, 2, 0}, 3);
        return SlicePlane.fit(set, TestModels.linear(1, 2, new float[2], new float[1]).scaling(), grid, 3.0);
    }

    @Test
    void pcaOfTheCrossIsItsAxesWithPopulationDeviations() {
        SlicePlane plane = crossPlane(4);
        assertArrayEquals(new double[] {0, 0}, plane.mean(), 0.0);
        assertArrayEquals(new double[] {1, 0}, plane.first(), 1e-12);
        assertArrayEquals(new double[] {0, 1}, plane.second(), 1e-12);
        assertEquals(Math.sqrt(2.0), plane.sigma1(), 1e-12);
        assertEquals(Math.sqrt(0.5), plane.sigma2(), 1e-12);
        assertArrayEquals(new double[] {-3, -1, 1, 3}, plane.coordinates(), 1e-15);
        assertArrayEquals(new double[] {-3 * Math.sqrt(2), 1 * Math.sqrt(0.5)}, plane.point(2, 0), 1e-12);
    }

    @Test
    void projectionIsTheInverseOfPoint() {
        SlicePlane plane = crossPlane(4);
        double[] cells = new double[4];
        double[] p = plane.point(3, 1);
        double[] q = plane.point(0, 2);
        System.arraycopy(p, 0, cells, 0, 2);
        System.arraycopy(q, 0, cells, 2, 2);
        double[] c = plane.coordinates();
        assertArrayEquals(new double[] {c[1], c[3], c[2], c[0]}, plane.project(cells, 2), 1e-12);
        assertThrows(InvalidInputException.class, () -> plane.project(new double[3], 2));
    }

    @Test
    void componentSignPutsTheLargestEntryPositive() {
        // points along (-1, 2) and a little along (2, 1): v1 = (-1, 2) / sqrt 5 with its largest entry, 2, positive
        Dataset set = new Dataset("line", new float[] {-1, 2, 1, -2, -2, 4, 2, -4, 2, 1, -2, -1}, new int[6], 2,
                SampleShape.flat(2), 1, "none", java.util.Optional.empty());
        SlicePlane plane = SlicePlane.fit(set, TestModels.linear(1, 2, new float[2], new float[1]).scaling(), 2, 3.0);
        double s = Math.sqrt(5.0);
        assertArrayEquals(new double[] {-1 / s, 2 / s}, plane.first(), 1e-12);
        assertArrayEquals(new double[] {2 / s, 1 / s}, plane.second(), 1e-12);
    }

    @Test
    void linspaceMatchesNumpy() {
        assertArrayEquals(new double[] {-3, -1.5, 0, 1.5, 3}, SlicePlane.linspace(-3, 3, 5), 0.0);
        assertEquals(3.0, SlicePlane.linspace(-3, 3, 200)[199], 0.0);
        assertEquals(-3.0 + 6.0 / 199.0 * 100, SlicePlane.linspace(-3, 3, 200)[100], 1e-15);
        assertThrows(InvalidInputException.class, () -> SlicePlane.linspace(0, 1, 1));
    }

    @Test
    void twoClassLinearSliceHasTheKnownBoundary() {
        // z = (x1, -x1): class 1 left of x1 = 0, class 0 right; no cell lies on the boundary
        Mlp vertical = TestModels.linear(2, 2, new float[] {1, 0, -1, 0}, new float[] {0, 0});
        Slice slice = SliceNetwork.of(Network.of(vertical)).slice(crossPlane(4));
        for (int row = 0; row < 4; row++) {
            assertArrayEquals(new int[] {1, 1, 0, 0},
                    new int[] {slice.label(row, 0), slice.label(row, 1), slice.label(row, 2), slice.label(row, 3)});
        }
        boolean[] mask = slice.boundaryMask();
        for (int cell = 0; cell < 16; cell++) {
            assertEquals(cell % 4 == 1 || cell % 4 == 2, mask[cell], "cell " + cell);
        }
        assertEquals(0, slice.junctionCount());
    }

    @Test
    void threeClassLinearSliceHasOneTripleJunction() {
        // z = (x1, x2, 0) at x = (a sqrt 2, b / sqrt 2): see SliceMasksTest.THREE for the label grid
        Mlp three = TestModels.linear(3, 2, new float[] {1, 0, 0, 1, 0, 0}, new float[] {0, 0, 0});
        Slice slice = SliceNetwork.of(Network.of(three)).slice(crossPlane(4));
        assertArrayEquals(new int[] {2, 2, 0, 0, 2, 2, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0}, slice.labels());
        assertEquals(1, slice.junctionCount());
        assertEquals(true, slice.junctionBlocks()[1 * 3 + 1]);
    }

    @Test
    void batchedSliceOfALargeMlpAgreesWithExplicitPoints() {
        Mlp model = TestModels.random(17, 784, 256, 256, 10);
        Dataset set = TestModels.randomSet(18, 200, 784, 10);
        SlicePlane plane = SlicePlane.fit(set, model.scaling(), 200, 3.0);
        Slice slice = SliceNetwork.of(Network.of(model)).slice(plane);
        assertEquals(40_000, slice.labels().length);
        assertTrue(200L * 200 * 256 > 2 * SliceNetwork.BLOCK_VALUES, "the grid spans three blocks of rows, the last"
                + " partial");

        SplittableRandom random = new SplittableRandom(19);
        int checks = 300;
        int[] rows = new int[checks];
        int[] cols = new int[checks];
        double[] points = new double[checks * 784];
        for (int k = 0; k < checks; k++) {
            rows[k] = random.nextInt(200);
            cols[k] = random.nextInt(200);
            System.arraycopy(plane.point(rows[k], cols[k]), 0, points, k * 784, 784);
        }
        int[] expected = Forward.run(model, Matrices.of(points, checks, 784)).predictions();
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int k = 0; k < checks; k++) {
            assertEquals(expected[k], slice.label(rows[k], cols[k]), "cell " + rows[k] + ", " + cols[k]);
            seen.add(expected[k]);
        }
        // a constant slice would agree trivially
        assertEquals(true, seen.size() >= 2);
    }
}
