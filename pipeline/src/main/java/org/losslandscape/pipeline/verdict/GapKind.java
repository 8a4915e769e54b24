package org.losslandscape.pipeline.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The kinds of generalization the verdict asks a measure to predict, as the literature measures
 * them: Jiang et al. (2019) use the error gap at a fixed training cross-entropy; the loss gap and
 * the test error are the other two usual choices.
 */
public enum GapKind {
  /** Test minus training cross-entropy. */
  LOSS_GAP("test - train loss"),
  /** Test minus training error (error = 1 - accuracy). */
  ERROR_GAP("test - train error"),
  /** Test error. */
  TEST_ERROR("test error");

  private final String description;

  GapKind(String description) {
    this.description = description;
  }

  /** The gap in words, e.g. {@code test - train loss}. */
  public String description() {
    return description;
  }

  /** The name in result files, e.g. {@code loss_gap}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
