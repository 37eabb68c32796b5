package org.barq.objectives.output;

import java.util.SplittableRandom;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;

/**
 * Points between calibration samples that the float network puts in different classes: {@code x = (1 - a) x_i +
 * a x_j} with {@code a} uniform in [0.25, 0.75]. The output pass needs no labels (its targets are the float network's
 * margins), so such points add to what it fits exactly where boundaries run, and keep it from rescuing only the
 * calibration samples themselves (issue 20).
 */
public final class BetweenSamples {
    private BetweenSamples() {
    }

    /**
     * @param floatNet the float network, whose predictions pair the samples
     * @param data     the samples
     * @param perSample points to add per sample, at least 0
     * @param seed     seeds the pairs and the mixing weights
     * @return {@code data} followed by {@code perSample * data.size()} points between pairs of it (each labelled as
     *         its first sample, a label the pass does not read); {@code data} itself when {@code perSample} is 0
     */
    public static Dataset add(Network floatNet, Dataset data, int perSample, long seed) {
        if (perSample == 0 || data.size() < 2) {
            return data;
        }
        int n = data.size();
        int d = data.dimension();
        int[] predicted = NetworkPass.run(floatNet, Matrices.of(data.scaledInputs(floatNet.scaling()), n, d))
                .predictions();
        SplittableRandom random = new SplittableRandom(seed);
        int extra = perSample * n;
        float[] features = new float[(n + extra) * d];
        int[] labels = new int[n + extra];
        float[] raw = data.features();
        System.arraycopy(raw, 0, features, 0, n * d);
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(i);
        }
        for (int k = 0; k < extra; k++) {
            int a = k % n;
            int b = random.nextInt(n);
            // a few draws find a partner of another class; a set of one class mixes within it
            for (int tries = 0; tries < 16 && predicted[b] == predicted[a]; tries++) {
                b = random.nextInt(n);
            }
            float t = (float) (0.25 + 0.5 * random.nextDouble());
            int at = (n + k) * d;
            for (int j = 0; j < d; j++) {
                features[at + j] = (1 - t) * raw[a * d + j] + t * raw[b * d + j];
            }
            labels[n + k] = data.label(a);
        }
        return new Dataset(data.name() + "+between", features, labels, d, data.shape(), data.classes(),
                data.checksum(), data.nativeScaling());
    }
}
