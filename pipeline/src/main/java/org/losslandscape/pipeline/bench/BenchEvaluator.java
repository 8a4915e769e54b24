package org.losslandscape.pipeline.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The landscape evaluators the benchmark can time. */
public enum BenchEvaluator {
  /** One forward pass per point (the slow reference), timed on a smaller grid and scaled. */
  POINTWISE("pointwise", "per-point"),
  /** One run per grid row with the row's weights stacked for BatchMatMulV2. */
  ROW_BATCHED("row-batched", "row-batched"),
  /** The default: the first layer decomposed as P + aQ + bR. */
  DECOMPOSED("decomposed", "decomposed"),
  /** The decomposed kernel as the study runs it: several slices at once, one per lane. */
  DECOMPOSED_ON_LANES("decomposed-lanes", "decomposed"),
  /** The decomposed kernel with bfloat16 matrix products (opt-in, never the default). */
  BF16("bf16", "decomposed, bf16 (opt-in)");

  private final String cliName;
  private final String label;

  BenchEvaluator(String cliName, String label) {
    this.cliName = cliName;
    this.label = label;
  }

  /** The name on the command line. */
  public String cliName() {
    return cliName;
  }

  /** The row label in the report. */
  public String label() {
    return label;
  }

  /** Parses a command-line name. */
  public static BenchEvaluator parse(String text) {
    for (BenchEvaluator e : values()) {
      if (e.cliName.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown evaluator '"
            + text
            + "' (known: "
            + Arrays.stream(values()).map(BenchEvaluator::cliName).collect(Collectors.joining(", "))
            + ")");
  }
}
