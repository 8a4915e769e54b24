package org.losslandscape.models.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.TensorSpec;

/**
 * Seeded weight initialization, computed in Java so that a seed means the same weights on every
 * machine and device (TensorFlow's random ops differ between CPU and GPU kernels). Biases start at
 * zero.
 */
public enum Initialization {
  /** He et al. 2015: N(0, 2 / fan_in), the usual choice before a ReLU. */
  HE,
  /** Glorot and Bengio 2010: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)). */
  GLOROT;

  /** Parses {@code he} or {@code glorot}. */
  public static Initialization parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown initialization '" + text + "' (use he or glorot)");
    }
  }

  /**
   * Draws the initial parameters of {@code architecture} from {@code seed}: kernels from this
   * distribution with Keras' fans (a dense {@code [in, out]} kernel: in and out; a convolution's
   * {@code [kh, kw, in, out]}: kh kw in and kh kw out), biases and batch-norm shifts 0, batch-norm
   * scales 1. Tensors are drawn in order, entry by entry.
   */
  public Parameters initialize(Network architecture, long seed) {
    Random random = new Random(seed);
    List<Parameter> tensors = new ArrayList<>();
    for (TensorSpec spec : architecture.parameterSpecs()) {
      float[] values = new float[spec.size()];
      int[] shape = spec.shape();
      switch (spec.kind()) {
        case KERNEL -> {
          int in = shape[shape.length - 2];
          int out = shape[shape.length - 1];
          int receptive = spec.size() / (in * out);
          for (int k = 0; k < values.length; k++) {
            values[k] = (float) draw(random, receptive * in, receptive * out);
          }
        }
        case BATCH_NORM_SCALE -> java.util.Arrays.fill(values, 1f);
        case BIAS, BATCH_NORM_SHIFT -> {}
      }
      tensors.add(new Parameter(spec.name(), shape, values));
    }
    return new Parameters(architecture, tensors);
  }

  private double draw(Random random, int fanIn, int fanOut) {
    return switch (this) {
      case HE -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
      case GLOROT -> {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        yield (2 * random.nextDouble() - 1) * limit;
      }
    };
  }
}
