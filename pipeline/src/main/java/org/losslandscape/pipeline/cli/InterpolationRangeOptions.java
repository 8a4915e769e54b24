package org.losslandscape.pipeline.cli;

import org.losslandscape.models.interpolation.InterpolationRange;
import picocli.CommandLine.Option;

/**
 * Where on the line between two minima the loss is evaluated. Defaults: {@link
 * InterpolationRange#defaults()}.
 */
public final class InterpolationRangeOptions {

  private static final InterpolationRange DEFAULTS = InterpolationRange.defaults();

  @Option(
      names = "--interpolation-range",
      paramLabel = "MIN:MAX",
      description =
          "Range of t on the line (1 - t) theta_a + t theta_b, MIN <= 0, MAX >= 1 (default: "
              + "-0.5:1.5).")
  String range;

  @Option(
      names = "--interpolation-points",
      paramLabel = "N",
      description = "Evenly spaced values of t, >= 3; t = 0 and 1 are always added (default: 41).")
  Integer points;

  /** True when either option was given. */
  boolean given() {
    return range != null || points != null;
  }

  /** The range asked for, the defaults where nothing was given. */
  InterpolationRange parsed() {
    double from = DEFAULTS.from();
    double to = DEFAULTS.to();
    if (range != null) {
      String[] parts = range.split(":");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        from = Double.parseDouble(parts[0]);
        to = Double.parseDouble(parts[1]);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--interpolation-range must be MIN:MAX, e.g. -0.5:1.5, got '" + range + "'");
      }
    }
    return new InterpolationRange(from, to, points == null ? DEFAULTS.points() : points);
  }
}
