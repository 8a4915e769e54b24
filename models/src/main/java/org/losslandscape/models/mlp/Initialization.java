package org.losslandscape.models.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

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

  /** Draws the initial parameters of {@code architecture} from {@code seed}. */
  public Parameters initialize(MlpArchitecture architecture, long seed) {
    Random random = new Random(seed);
    List<Parameter> tensors = new ArrayList<>();
    for (int layer = 0; layer < architecture.layerCount(); layer++) {
      int in = architecture.layerInput(layer);
      int out = architecture.layerOutput(layer);
      float[] kernel = new float[in * out];
      for (int k = 0; k < kernel.length; k++) {
        kernel[k] = (float) draw(random, in, out);
      }
      tensors.add(new Parameter(MlpArchitecture.kernelName(layer), new int[] {in, out}, kernel));
      tensors.add(new Parameter(MlpArchitecture.biasName(layer), new int[] {out}, new float[out]));
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
