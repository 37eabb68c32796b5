/**
 * Corrections applied to a rounded network's logits after rounding: the fitted {@link
 * org.barq.api.correction.LogitCorrection} (stored in the rounded checkpoint) and the {@link
 * org.barq.api.correction.CorrectionFitter} contract its plug-ins implement.
 */
package org.barq.api.correction;
