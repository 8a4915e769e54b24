package org.losslandscape.pipeline.summary;

import java.util.List;
import java.util.Map;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * The whole {@code summary.json} of a study ({@code loss-landscape}) or of slicing given weights
 * ({@code loss-landscape landscape}); fields that only one of the two has are null (omitted) in the
 * other.
 *
 * @param format the file format's name, {@link #FORMAT}
 * @param formatVersion the format's version, {@link #FORMAT_VERSION}; bumped on incompatible
 *     changes
 * @param tool the tool's name
 * @param version the tool's version, from the build
 * @param tensorflowVersion the TensorFlow runtime's version
 * @param tensorflowJavaVersion the TensorFlow Java bindings' version, from the build
 * @param device the device that ran, {@code cpu} or {@code cuda}
 * @param deviceReason why that device
 * @param deviceRequested what was asked for: {@code auto}, {@code cpu} or {@code cuda}
 * @param deviceFellBack true when {@code cuda} was asked for and the CPU ran
 * @param threads TensorFlow's thread pools
 * @param seed the first training seed (study only)
 * @param weights the folder the sliced weights came from ({@code landscape} only)
 * @param data the data set and its checksums
 * @param preprocessing the standardization applied to the pixels
 * @param timingsSeconds wall-clock seconds per stage, in the order they ran
 * @param model the network
 * @param training how the recipes were trained (study only)
 * @param sharpnessDefinition what the sharpness numbers mean
 * @param seeds training seeds per recipe (study only)
 * @param configs one entry per recipe (or the sliced model)
 * @param orderings per radius, the recipe pairs whose 95% intervals do not overlap (study only)
 * @param verdict the tool's verdict on the three claims, with the tests behind it (study only)
 * @param protocols the training protocols of a multi-protocol study, each a study in its own folder
 *     (then {@code configs} and {@code orderings} are empty here and filled in each folder)
 * @param trajectories each recipe's training trajectory ({@code --trajectory} only)
 * @param interpolation the lines between pairs of minima ({@code --interpolation} and the {@code
 *     interpolate} command only)
 */
public record Summary(
    String format,
    int formatVersion,
    String tool,
    String version,
    String tensorflowVersion,
    String tensorflowJavaVersion,
    String device,
    String deviceReason,
    String deviceRequested,
    boolean deviceFellBack,
    Threads threads,
    Long seed,
    String weights,
    DataSummary data,
    PreprocessingSummary preprocessing,
    Map<String, Double> timingsSeconds,
    ModelSummary model,
    TrainingSummary training,
    String sharpnessDefinition,
    Integer seeds,
    List<RecipeSummary> configs,
    Map<String, OrderingSummary> orderings,
    Verdict verdict,
    List<ProtocolEntry> protocols,
    List<TrajectorySummary> trajectories,
    InterpolationSummary interpolation) {

  /** The value of {@link #format()}. */
  public static final String FORMAT = "loss-landscape-summary";

  /**
   * The value of {@link #formatVersion()}. Version 1 was the untyped summary of tool 0.1.0; version
   * 2 adds the format fields, device request and fallback, data file checksums, effective sample
   * and batch counts, orderings as objects with the pairs not compared, null-with-reason for
   * numbers that are not finite, and the verdict (which replaces the rank correlations of recipe
   * means).
   */
  public static final int FORMAT_VERSION = 3;

  /**
   * One protocol of a multi-protocol study.
   *
   * @param name {@code epochs}, {@code steps} or {@code target-loss}
   * @param budget e.g. {@code 4000 steps}
   * @param folder its study folder, relative to this one
   */
  public record ProtocolEntry(String name, String budget, String folder) {}

  /**
   * TensorFlow's thread pools.
   *
   * @param intraOp threads inside one op
   * @param interOp ops run concurrently
   */
  public record Threads(int intraOp, int interOp) {}
}
