package org.losslandscape.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.measures.Measures;
import picocli.CommandLine.Option;

/**
 * Options of the landscape slice and the sharpness measure. Every default comes from {@link
 * SliceSettings#defaults()}.
 */
public final class SliceOptions {

  private static final SliceSettings DEFAULTS = SliceSettings.defaults();

  @Option(
      names = "--bn-mode",
      paramLabel = "frozen|batch|recompute",
      description =
          "Batch norm on a slice (default: ${DEFAULT-VALUE}): frozen = the statistics stored with"
              + " the minimum (as Li et al. evaluate, in eval mode); batch = each batch of 128"
              + " evaluated samples' own; recompute = re-estimated at every point from 512 fixed"
              + " training samples."
              + " Networks without batch norm ignore it.")
  String bnMode = "frozen";

  /** {@code --bn-mode} as a mode; refuses other words. */
  org.losslandscape.models.network.BatchNormMode batchNormMode() {
    for (var mode : org.losslandscape.models.network.BatchNormMode.values()) {
      if (mode.key().equals(bnMode.strip().toLowerCase(java.util.Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "--bn-mode takes frozen, batch or recompute; got '" + bnMode + "'");
  }

  @Option(
      names = "--grid-size",
      paramLabel = "N",
      description = "Points per axis, odd >= 3 (default: ${DEFAULT-VALUE}).")
  int gridSize = DEFAULTS.grid().size();

  @Option(
      names = "--range",
      paramLabel = "MIN:MAX",
      description =
          "Coordinate range on both axes, in direction units (default: ${DEFAULT-VALUE}).")
  String range = formatRange(DEFAULTS.grid().min(), DEFAULTS.grid().max());

  @Option(
      names = "--normalization",
      paramLabel = "filter|layer|element|none",
      description =
          "Direction normalization (default: ${DEFAULT-VALUE}): per neuron (filter, Li et al.),"
              + " per tensor (layer), per entry by |w| (element: invariant to rescaling each"
              + " neuron), or raw Gaussian (none).")
  String normalization = DEFAULTS.normalization().label();

  @Option(
      names = "--bias-rule",
      paramLabel = "zero|gaussian|li",
      description =
          "What the directions do to the biases (default: ${DEFAULT-VALUE}): zero keeps them"
              + " fixed (Li et al.'s ignore=biasbn), gaussian draws them like the weights and"
              + " normalizes each bias vector to its own norm, li sets the bias direction to the"
              + " bias itself (d = b, as Li et al.'s code does).")
  String biasRule = DEFAULTS.biasRule().label();

  @Option(
      names = "--bn-rule",
      paramLabel = "zero|gaussian|li",
      description =
          "What the directions do to batch norm's scales and shifts, by the rules of --bias-rule"
              + " (default: as --bias-rule, i.e. fixed unless biases move: Li et al.'s"
              + " ignore=biasbn treats both alike).")
  String batchNormRule;

  @Option(names = "--include-bias", description = "Same as --bias-rule gaussian.")
  boolean includeBias;

  @Option(
      names = "--landscape-samples",
      paramLabel = "N",
      description = "Examples per grid point, a fixed seeded subset (default: ${DEFAULT-VALUE}).")
  int landscapeSamples = DEFAULTS.samples();

  @Option(
      names = "--landscape-split",
      paramLabel = "train|test",
      description = "Split the landscape is evaluated on (default: ${DEFAULT-VALUE}).")
  String landscapeSplit = DEFAULTS.split().label();

  @Option(
      names = "--direction-seed",
      paramLabel = "N",
      description = "Seed of the first direction pair (default: ${DEFAULT-VALUE}).")
  long directionSeed = DEFAULTS.directionSeed();

  @Option(
      names = "--direction-pairs",
      paramLabel = "K",
      description =
          "Independent direction pairs per model; sharpness is reported as mean and 95%% interval "
              + "over them (default: ${DEFAULT-VALUE}).")
  int directionPairs = DEFAULTS.directionPairs();

  @Option(
      names = "--sliced-seeds",
      paramLabel = "N|all",
      description =
          "How many seeds of every recipe are sliced, from the first; every seed is trained and"
              + " gets the measures beyond the slices (default: ${DEFAULT-VALUE}, the seed the"
              + " figures show; 'all' puts slice sharpness into the verdict with intervals).")
  String slicedSeeds = "1";

  @Option(
      names = "--m-sharpness",
      paramLabel = "M",
      description =
          "Also SAM's and ASAM's m-sharpness: the mean over batches of M landscape samples of each"
              + " batch's worst case (Andriushchenko et al. use 128); needs --measures worst-case"
              + " (default: 0, none).")
  int mSharpness = 0;

  @Option(
      names = "--eps",
      paramLabel = "E,...",
      split = ",",
      description = "Sharpness radii in direction units (default: 0.1,0.25,0.5,1.0).")
  List<Double> eps = new ArrayList<>(DEFAULTS.radii());

  @Option(
      names = "--measures",
      paramLabel = "LIST",
      split = ",",
      completionCandidates = MeasureNames.class,
      description =
          "Measures beyond the slices: some of ${COMPLETION-CANDIDATES}, or all, or none (slices"
              + " only) (default: ${DEFAULT-VALUE}). They enter the verdict; see the README for"
              + " what each is and its cost.")
  List<String> measures = new ArrayList<>(MeasureSettings.defaults().selected());

  /** The names {@code --measures} takes, from the registry of measures. */
  static final class MeasureNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Measures.selectable().iterator();
    }
  }

  /** {@code MIN:MAX} with integral values written without decimals, e.g. {@code -1:1}. */
  static String formatRange(double min, double max) {
    return format(min) + ":" + format(max);
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** Parses {@code --range MIN:MAX}. */
  double[] parsedRange() {
    String[] parts = range.split(":");
    try {
      if (parts.length == 2) {
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
      }
    } catch (NumberFormatException e) {
      // fall through to the one-line error
    }
    throw new UsageException("--range must be MIN:MAX, e.g. -1:1, got '" + range + "'");
  }

  /** {@code --sliced-seeds}: a positive count or {@code all}. */
  int parsedSlicedSeeds() {
    if (slicedSeeds.trim().equalsIgnoreCase("all")) {
      return SliceSettings.ALL_SEEDS;
    }
    try {
      int n = Integer.parseInt(slicedSeeds.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the one-line error
    }
    throw new UsageException(
        "--sliced-seeds must be a count >= 1 or 'all', got '" + slicedSeeds + "'");
  }
}
