package org.barq.api.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.barq.api.InvalidInputException;

/**
 * Stratified, seeded splitting. Each class's samples are shuffled with the seed and dealt out by proportion, so the
 * same data and seed always give the same splits, and each split keeps the class proportions.
 */
public final class Splitter {
    private Splitter() {
    }

    /**
     * Splits one pool into train, calibration and test.
     *
     * @param all  every sample
     * @param spec the fractions
     * @param seed the split seed
     * @return disjoint, stratified splits
     */
    public static Splits split(Dataset all, SplitSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] parts = stratify(all, spec.testFraction(), rng, allIndices(all.size()));
        int[] test = parts[0];
        int[] rest = parts[1];
        Splits trainCal = splitTrainCalibration(all, rest, spec, rng);
        return new Splits(trainCal.train(), trainCal.calibration(), all.subset(test, all.name() + "/test"));
    }

    /**
     * Splits a data set that ships its own test part: test is that part whole; calibration and train come from
     * the training part.
     *
     * @param trainPart the shipped training samples
     * @param testPart  the shipped test samples
     * @param spec      the fractions (the test fraction is not used)
     * @param seed      the split seed
     * @return disjoint, stratified splits
     */
    public static Splits splitWithTest(Dataset trainPart, Dataset testPart, SplitSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Splits trainCal = splitTrainCalibration(trainPart, allIndices(trainPart.size()), spec, rng);
        return new Splits(trainCal.train(), trainCal.calibration(), testPart);
    }

    private static Splits splitTrainCalibration(Dataset all, int[] pool, SplitSpec spec, SplittableRandom rng) {
        double fraction = Math.min(spec.calibrationFraction(), spec.calibrationMax() / (double) pool.length);
        int[][] parts = stratify(all, fraction, rng, pool);
        if (parts[0].length == 0 || parts[1].length == 0) {
            throw new InvalidInputException("data set " + all.name() + " has too few samples (" + pool.length
                    + ") to split into train and calibration. Maybe use a larger data set?");
        }
        return new Splits(all.subset(parts[1], all.name() + "/train"),
                all.subset(parts[0], all.name() + "/calibration"), null);
    }

    private static int[] allIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** @return {taken, rest}, each in ascending sample order; taken holds ceil(fraction * pool) samples */
    private static int[][] stratify(Dataset all, double fraction, SplittableRandom rng, int[] pool) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i : pool) {
            byClass.get(all.label(i)).add(i);
        }
        int total = pool.length;
        // Rounding up matches the common convention: 25 % of 1797 digits is a test set of 450.
        int wanted = (int) Math.ceil(fraction * total - 1e-9);
        // Largest-remainder allotment keeps the total exact while each class gets its share.
        int[] take = new int[all.classes()];
        double[] remainder = new double[all.classes()];
        int assigned = 0;
        for (int c = 0; c < all.classes(); c++) {
            double exact = fraction * byClass.get(c).size();
            take[c] = (int) Math.floor(exact);
            remainder[c] = exact - take[c];
            assigned += take[c];
        }
        while (assigned < wanted) {
            int best = -1;
            for (int c = 0; c < all.classes(); c++) {
                if (take[c] < byClass.get(c).size() && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            take[best]++;
            remainder[best] = -1;
            assigned++;
        }
        boolean[] taken = new boolean[all.size()];
        for (int c = 0; c < all.classes(); c++) {
            List<Integer> members = byClass.get(c);
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            Permutations.shuffle(m, rng);
            for (int k = 0; k < take[c]; k++) {
                taken[m[k]] = true;
            }
        }
        int[] a = java.util.Arrays.stream(pool).filter(i -> taken[i]).sorted().toArray();
        int[] b = java.util.Arrays.stream(pool).filter(i -> !taken[i]).sorted().toArray();
        return new int[][] {a, b};
    }
}
