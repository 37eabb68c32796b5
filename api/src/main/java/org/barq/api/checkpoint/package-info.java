/**
 * Checkpoints in the safetensors layout (FORMULATION §6): a small reader and writer of the file format
 * ({@link org.barq.api.checkpoint.Safetensors}), atomic file replacement
 * ({@link org.barq.api.checkpoint.AtomicFiles}), and the model-level mapping of float and rounded MLPs to tensors
 * and metadata ({@link org.barq.api.checkpoint.Checkpoints}).
 */
package org.barq.api.checkpoint;
