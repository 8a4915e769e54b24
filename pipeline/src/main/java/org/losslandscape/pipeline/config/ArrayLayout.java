package org.losslandscape.pipeline.config;

import java.util.Locale;

/** How the axes of a rank-4 image array are ordered. */
public enum ArrayLayout {
  /** {@code [n, height, width, channels]}: channels last, as TensorFlow and Keras keep images. */
  NHWC,
  /** {@code [n, channels, height, width]}: channels first, as PyTorch keeps images. */
  NCHW;

  /** Parses {@code nhwc} or {@code nchw}, in any case. */
  public static ArrayLayout parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "nhwc" -> NHWC;
      case "nchw" -> NCHW;
      default ->
          throw new IllegalArgumentException(
              "unknown array layout '" + text + "' (use nhwc or nchw)");
    };
  }

  /** The lower-case name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
