package org.losslandscape.models.network;

import java.util.List;

/**
 * One layer of a network described as data. A network is a list of these ({@link NetworkSpec}); the
 * graph builder turns it into TensorFlow ops, the JSON and Keras readers build it from files.
 *
 * <p>Parameter tensors are named {@code <layer name>.<tensor>}: {@code kernel} and {@code bias} for
 * dense ({@code [in, out]}) and convolution ({@code [kh, kw, in, out]}, TensorFlow's HWIO) layers,
 * {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance} for batch norm (the
 * last two are state, not trained by gradients). A layer's name is its {@link #name()} when given,
 * else its kind and a counter per kind in the order the layers are walked (depth first, residual
 * body before shortcut): {@code dense0, dense1, conv0, bn0, ...}. So today's MLP keeps its tensor
 * names {@code dense0.kernel, dense0.bias, ...}.
 */
public sealed interface LayerSpec {

  /** The layer's name, or {@code null} to name it by kind and counter. */
  String name();

  /** A fully connected layer on the flattened input: {@code y = x W + b}. */
  record Dense(String name, int units, boolean useBias) implements LayerSpec {
    public Dense {
      positive("dense units", units);
    }

    public Dense(int units) {
      this(null, units, true);
    }
  }

  /** A 2-D convolution on NHWC input with an HWIO kernel. */
  record Conv2d(
      String name,
      int filters,
      int kernelHeight,
      int kernelWidth,
      int strideHeight,
      int strideWidth,
      Padding padding,
      boolean useBias)
      implements LayerSpec {
    public Conv2d {
      positive("conv filters", filters);
      positive("conv kernel height", kernelHeight);
      positive("conv kernel width", kernelWidth);
      positive("conv stride", strideHeight);
      positive("conv stride", strideWidth);
      java.util.Objects.requireNonNull(padding, "padding");
    }

    /** A square kernel with equal strides. */
    public Conv2d(int filters, int kernel, int stride, Padding padding, boolean useBias) {
      this(null, filters, kernel, kernel, stride, stride, padding, useBias);
    }
  }

  /**
   * Zero padding of an NHWC image: {@code top} rows above, {@code bottom} below, {@code left} and
   * {@code right} columns beside. With a {@link Padding#VALID} convolution after it, it is a
   * convolution with explicit padding, as PyTorch pads ({@code padding=1} pads one on every side,
   * where TensorFlow's {@link Padding#SAME} pads a stride-2 window 0 before and 1 after).
   */
  record ZeroPad2d(String name, int top, int bottom, int left, int right) implements LayerSpec {
    public ZeroPad2d {
      if (top < 0 || bottom < 0 || left < 0 || right < 0) {
        throw new IllegalArgumentException(
            "zero padding must be >= 0 on every side, got top "
                + top
                + ", bottom "
                + bottom
                + ", left "
                + left
                + ", right "
                + right);
      }
    }

    /** {@code padding} on every side. */
    public ZeroPad2d(int padding) {
      this(null, padding, padding, padding, padding);
    }
  }

  /** Max or average pooling over square windows. */
  record Pool2d(String name, PoolKind kind, int size, int stride, Padding padding)
      implements LayerSpec {
    public Pool2d {
      java.util.Objects.requireNonNull(kind, "kind");
      positive("pool size", size);
      positive("pool stride", stride);
      java.util.Objects.requireNonNull(padding, "padding");
    }
  }

  /** Mean over all spatial positions: NHWC to {@code [N, C]}. */
  record GlobalAveragePool(String name) implements LayerSpec {}

  /**
   * Batch normalization over the channel (last) axis: {@code gamma (x - mean) / sqrt(var + eps) +
   * beta}, with batch statistics while training and the moving ones otherwise; the moving ones are
   * updated by {@code momentum} as Keras does ({@code moving = momentum moving + (1 - momentum)
   * batch}).
   */
  record BatchNorm(String name, double epsilon, double momentum, boolean center, boolean scale)
      implements LayerSpec {
    public BatchNorm {
      if (!(epsilon > 0) || !(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException(
            "batch norm needs epsilon > 0 and momentum in [0, 1), got "
                + epsilon
                + " and "
                + momentum);
      }
    }

    /** Keras' defaults: epsilon 1e-3, momentum 0.99, with gamma and beta. */
    public BatchNorm() {
      this(null, 1e-3, 0.99, true, true);
    }
  }

  /** An element-wise non-linearity. */
  record Act(String name, Activation activation) implements LayerSpec {
    public Act {
      java.util.Objects.requireNonNull(activation, "activation");
    }

    public Act(Activation activation) {
      this(null, activation);
    }
  }

  /** Inverted dropout while training; the identity otherwise. */
  record Dropout(String name, double rate) implements LayerSpec {
    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
      }
    }
  }

  /** NHWC to {@code [N, H * W * C]} in h, w, c order (as Keras' Flatten does). */
  record Flatten(String name) implements LayerSpec {}

  /**
   * {@code body(x) + shortcut(x)}: the shortcut is the identity when its list is empty, else its
   * layers (typically a 1 x 1 strided convolution and batch norm: a projection). With {@code skip =
   * false} the block is {@code body(x)} alone and the shortcut's layers are not built: the same
   * network without its skip connection, as in Li et al.'s ResNet-noshort.
   */
  record Residual(String name, List<LayerSpec> body, List<LayerSpec> shortcut, boolean skip)
      implements LayerSpec {
    public Residual {
      body = List.copyOf(body);
      shortcut = List.copyOf(shortcut);
      if (body.isEmpty()) {
        throw new IllegalArgumentException("a residual block needs at least one layer in its body");
      }
    }
  }

  /** Max or average. */
  enum PoolKind {
    MAX,
    AVERAGE
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + value);
    }
  }
}
