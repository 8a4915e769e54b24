package org.losslandscape.pipeline.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The families of sharpness and curvature measures a study can compute. */
public enum MeasureKind {
  /** 2-D slice sharpness at each radius (always on: the slices are the product). */
  SLICE("slice"),
  /** Top Hessian eigenvalues (Lanczos) and the Hessian trace (Hutchinson). */
  HESSIAN("hessian"),
  /** The Hessian's eigenvalue density by stochastic Lanczos quadrature. */
  SPECTRUM("spectrum"),
  /** Worst-case sharpness: SAM's L2 ball, ASAM's adaptive ball, Keskar's box. */
  WORST_CASE("worst-case"),
  /** Average-case sharpness under Gaussian perturbations (plain and |w|-scaled). */
  AVERAGE_CASE("average-case");

  private final String label;

  MeasureKind(String label) {
    this.label = label;
  }

  /** The name on the command line and in result files. */
  public String label() {
    return label;
  }

  /** Parses a list such as {@code hessian,worst-case}, or {@code all}; slices are always in. */
  public static EnumSet<MeasureKind> parse(List<String> names) {
    EnumSet<MeasureKind> kinds = EnumSet.of(SLICE);
    for (String name : names) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.equals("all")) {
        return EnumSet.allOf(MeasureKind.class);
      }
      if (n.equals("none")) {
        continue; // the slices alone
      }
      kinds.add(
          Arrays.stream(values())
              .filter(k -> k.label.equals(n))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown measure '"
                              + name
                              + "' (use all, none, or some of "
                              + Arrays.stream(values())
                                  .map(MeasureKind::label)
                                  .collect(Collectors.joining(", "))
                              + ")")));
    }
    return kinds;
  }
}
