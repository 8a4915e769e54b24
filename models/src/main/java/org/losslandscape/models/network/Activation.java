package org.losslandscape.models.network;

/** The element-wise non-linearities a network may apply, named as Keras names them. */
public enum Activation {
  RELU("relu"),
  TANH("tanh"),
  SIGMOID("sigmoid"),
  ELU("elu"),
  SOFTPLUS("softplus"),
  LINEAR("linear");

  private final String key;

  Activation(String key) {
    this.key = key;
  }

  /** The name in a network file ({@code relu}, {@code tanh}, ...). */
  public String key() {
    return key;
  }

  /** The activation named {@code key}; throws naming the known ones otherwise. */
  public static Activation of(String key) {
    for (Activation a : values()) {
      if (a.key.equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '"
            + key
            + "'; known: "
            + java.util.Arrays.stream(values())
                .map(Activation::key)
                .collect(java.util.stream.Collectors.joining(", ")));
  }
}
