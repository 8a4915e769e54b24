package org.losslandscape.pipeline.data;

/**
 * The content of an IDX label file: one class index per image.
 *
 * <p>The label array is not copied; the record takes ownership of it.
 *
 * @param count the number of labels, positive
 * @param labels {@code count} class indices, each in {@code 0..9}
 */
public record IdxLabels(int count, byte[] labels) {

  /** Checks that {@code labels} holds {@code count} class indices in {@code 0..9}. */
  public IdxLabels {
    if (count <= 0 || labels.length != count) {
      throw new IllegalArgumentException(
          "count "
              + count
              + " must be positive and equal to the "
              + labels.length
              + " labels given");
    }
    for (int i = 0; i < count; i++) {
      if (labels[i] < 0 || labels[i] >= IdxReader.CLASS_COUNT) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is not in 0..9");
      }
    }
  }
}
