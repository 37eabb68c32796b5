/**
 * Logit corrections fitted after rounding, one package each ({@code cat}, {@code affine}), registered by name in
 * {@link org.barq.corrections.CorrectionsModule}.
 */
package org.barq.corrections;
