/**
 * The contract of input-feature quantizers: a {@link org.barq.api.features.FeatureQuantizerFactory} fits a
 * {@link org.barq.api.features.FeatureQuantizer} on training features; the fitted quantizer encodes each feature to an
 * integer code and decodes codes to what the next stage sees. barq's binary, ternary and uniform quantizers implement
 * it in the {@code features} module; a trainable thermometer quantizer stored in checkpoints can implement it too.
 */
package org.barq.api.features;
