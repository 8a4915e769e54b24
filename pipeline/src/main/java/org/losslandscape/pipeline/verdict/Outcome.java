package org.losslandscape.pipeline.verdict;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the data say about a claim. */
public enum Outcome {
  /** Every comparison the claim needs is significant in its direction (after Holm). */
  SUPPORTED,
  /** A comparison is significant against the claim's direction. */
  CONTRADICTED,
  /** Neither, at this number of seeds. */
  NOT_RESOLVED,
  /** The study has no recipe in the role the claim names, or the measure was not computed. */
  NOT_APPLICABLE;

  /** The lower-case name written to result files. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
