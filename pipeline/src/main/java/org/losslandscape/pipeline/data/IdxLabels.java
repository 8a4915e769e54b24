package org.losslandscape.pipeline.data;

/**
 * The content of an IDX label file: one class index per image, an unsigned byte {@code 0..255}.
 *
 * <p>The label array is not copied; the record takes ownership of it.
 *
 * @param count the number of labels, positive
 * @param labels {@code count} class indices (read with {@code Byte.toUnsignedInt})
 */
public record IdxLabels(int count, byte[] labels) {

  /** Checks that {@code labels} holds {@code count} class indices. */
  public IdxLabels {
    if (count <= 0 || labels.length != count) {
      throw new IllegalArgumentException(
          "count "
              + count
              + " must be positive and equal to the "
              + labels.length
              + " labels given");
    }
  }
}
