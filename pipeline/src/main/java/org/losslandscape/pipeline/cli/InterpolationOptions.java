package org.losslandscape.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the interpolation between minima (off by default): {@code --interpolation}, or any of
 * its other options, turns it on.
 */
public final class InterpolationOptions {

  @Option(
      names = "--interpolation",
      description =
          "Evaluate loss and accuracy on the straight line between pairs of minima, on the full"
              + " training and test sets (interpolation.png; default: off).")
  boolean interpolation;

  @Option(
      names = "--interpolation-pairs",
      paramLabel = "FROM:TO,...",
      split = ",",
      description =
          "Recipe pairs to join, theta_a = FROM at t = 0 (default: for every learning rate, its"
              + " smallest against its largest batch).")
  List<String> pairs = new ArrayList<>();

  @Mixin InterpolationRangeOptions range = new InterpolationRangeOptions();

  /** True when the feature was asked for, by its switch or by any of its settings. */
  boolean enabled() {
    return interpolation || !pairs.isEmpty() || range.given();
  }
}
