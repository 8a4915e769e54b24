package org.losslandscape.models.network;

/**
 * What a parameter tensor is to the network, which decides how directions and sharpness measures
 * treat it: Li et al. normalize kernels filter by filter and zero biases and batch-norm parameters
 * by default; ASAM scales kernels only.
 */
public enum TensorKind {
  /**
   * A dense kernel {@code [in, out]} or a convolution kernel {@code [kh, kw, in, out]}: one filter
   * (one neuron) is one index of the last axis.
   */
  KERNEL,
  /** An additive bias, one per output unit or channel. */
  BIAS,
  /** Batch norm's trained scale gamma. */
  BATCH_NORM_SCALE,
  /** Batch norm's trained shift beta. */
  BATCH_NORM_SHIFT;

  /** True for kernels, whose last axis indexes filters. */
  public boolean isKernel() {
    return this == KERNEL;
  }
}
