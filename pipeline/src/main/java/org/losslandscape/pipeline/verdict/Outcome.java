package org.losslandscape.pipeline.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the data say about a claim. */
public enum Outcome {
  /**
   * The cell's test survives Holm's correction over the verdict's family in the claim's direction,
   * and its intervals exclude zero.
   */
  SUPPORTED,
  /** The same, against the claim's direction. */
  CONTRADICTED,
  /** Neither, with these seeds and settings. */
  NOT_RESOLVED,
  /**
   * No outcome could have been significant: with this few settings even the most extreme ordering
   * has a permutation p above alpha, or the measure has one run per recipe and so no interval.
   */
  NOT_TESTABLE,
  /** The study has no recipe in the role the claim names, or the measure was not computed. */
  NOT_APPLICABLE;

  /** The lower-case name written to result files. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
