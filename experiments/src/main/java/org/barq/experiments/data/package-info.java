/**
 * Data sets (FORMULATION §1): the embedded digits set, MNIST and Fashion-MNIST from IDX files, any CSV of raw
 * features, and any folder of IDX files, resolved from a spec string by
 * {@link org.barq.experiments.data.DatasetResolver} into seeded, stratified splits.
 */
package org.barq.experiments.data;
