package org.losslandscape.models.network;

/** How a convolution or pooling window treats the border, as TensorFlow defines it. */
public enum Padding {
  /** Zero-pad so the output has {@code ceil(in / stride)} positions. */
  SAME,
  /** No padding: only windows that fit inside the input. */
  VALID
}
