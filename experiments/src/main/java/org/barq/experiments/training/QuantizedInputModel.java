package org.barq.experiments.training;

import org.barq.api.model.InputQuantizer;
import org.barq.api.model.Network;

/**
 * A network trained behind an input quantizer.
 *
 * @param input   the quantizer (raw features to codes to decoded values)
 * @param network the network over the decoded values, identity scaling
 */
public record QuantizedInputModel(InputQuantizer input, Network network) {
}
