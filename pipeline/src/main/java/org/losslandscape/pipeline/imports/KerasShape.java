package org.losslandscape.pipeline.imports;

import java.util.Arrays;
import org.losslandscape.models.network.InputShape;

/**
 * A tensor's shape without the batch axis: {@code [features]}, {@code [h, w]} or {@code [h, w, c]}.
 */
record KerasShape(int[] dims) {
  int rank() {
    return dims.length;
  }

  InputShape asInputShape() {
    return switch (dims.length) {
      case 1 -> InputShape.flat(dims[0]);
      case 2 -> new InputShape(dims[0], dims[1], 1);
      default -> new InputShape(dims[0], dims[1], dims[2]);
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KerasShape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      text.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return text.append(dims.length == 1 ? ",)" : ")").toString();
  }
}
