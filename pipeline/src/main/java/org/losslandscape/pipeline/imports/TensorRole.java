package org.losslandscape.pipeline.imports;

/**
 * What one stored tensor of a Keras layer is; its key is both the suffix of the tool's tensor name
 * ({@code <layer>.kernel}) and the last part of the legacy file's weight name ({@code
 * conv2d/kernel:0}).
 */
enum TensorRole {
  KERNEL("kernel"),
  BIAS("bias"),
  GAMMA("gamma"),
  BETA("beta"),
  MOVING_MEAN("moving_mean"),
  MOVING_VARIANCE("moving_variance");

  private final String key;

  TensorRole(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  /** The role whose key is {@code key}, or null. */
  static TensorRole ofKey(String key) {
    for (TensorRole role : values()) {
      if (role.key.equals(key)) {
        return role;
      }
    }
    return null;
  }
}
