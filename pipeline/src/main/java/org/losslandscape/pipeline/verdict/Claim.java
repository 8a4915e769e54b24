package org.losslandscape.pipeline.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The three claims the study tests. */
public enum Claim {
  /** High learning rate with small batches finds the flattest minimum. */
  HIGH_LR_SMALL_BATCH_FLATTEST("high LR + small batch finds the flattest minimum"),
  /** Low learning rate with large batches finds the sharpest minimum. */
  LOW_LR_LARGE_BATCH_SHARPEST("low LR + large batch finds the sharpest minimum"),
  /** Flatter minima have smaller generalization gaps. */
  FLAT_GENERALIZES_BETTER("flatter minima generalize better");

  private final String statement;

  Claim(String statement) {
    this.statement = statement;
  }

  /** The claim in words. */
  public String statement() {
    return statement;
  }

  /** The lower-case name written to result files. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
