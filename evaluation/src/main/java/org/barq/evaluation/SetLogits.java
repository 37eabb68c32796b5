package org.barq.evaluation;

import java.util.Arrays;
import org.barq.api.data.Dataset;
import org.barq.api.model.Network;
import org.barq.objectives.network.Matrices;
import org.barq.objectives.network.NetworkPass;

/** A network's logits over a whole set, forward only, in the batches of {@link SetPass}. */
public final class SetLogits {
    private SetLogits() {
    }

    /**
     * @param network the network
     * @param set     samples with raw features, scaled with the network's own scaling
     * @return the logits, row-major {@code [n, K]}
     */
    public static double[] of(Network network, Dataset set) {
        int n = set.size();
        int d = network.input().size();
        int k = network.classes();
        double[] x = set.scaledInputs(network.scaling());
        double[] logits = new double[n * k];
        int rows = SetPass.batchRows(network, n);
        for (int start = 0; start < n; start += rows) {
            int count = Math.min(rows, n - start);
            double[] batch = count == n ? x : Arrays.copyOfRange(x, start * d, (start + count) * d);
            double[] z = Matrices.values(NetworkPass.run(network, Matrices.of(batch, count, d)).logits());
            System.arraycopy(z, 0, logits, start * k, count * k);
        }
        return logits;
    }
}
