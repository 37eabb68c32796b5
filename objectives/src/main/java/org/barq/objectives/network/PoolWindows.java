package org.barq.objectives.network;

import org.barq.api.data.SampleShape;

/**
 * The windows of a pooling layer: square, strided, unpadded.
 *
 * @param input  one sample's shape entering the layer
 * @param output one sample's shape leaving it, as the layer computes it
 * @param kernel the window's side
 * @param stride the step between windows
 */
record PoolWindows(SampleShape input, SampleShape output, int kernel, int stride) {
}
