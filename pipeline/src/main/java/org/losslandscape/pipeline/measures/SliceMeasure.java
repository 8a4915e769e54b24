package org.losslandscape.pipeline.measures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.sharpness.DiskMaximum;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * Slice sharpness at each radius: the largest loss increase within the radius on the run's 2-D
 * slices, mean over its direction pairs (the interval within a run is over the pairs). The slices
 * are the study's product and are always on: the landscape stage evaluates them and then calls
 * {@link #compute} with them ({@link MeasureInput#slices}), which searches each disk on the plane
 * itself. Its summary is the recipe's own {@code sharpness} section ({@code SharpnessSummary}), not
 * a section of {@code measures}.
 */
public final class SliceMeasure implements ModelMeasure<SharpnessReport, SliceMeasure.NoSection> {

  /** The one instance is {@link Measures}'s. */
  SliceMeasure() {}

  /** The slice measure has no section under {@code measures}. */
  public record NoSection() {}

  @Override
  public String name() {
    return "slice";
  }

  @Override
  public String help() {
    return "2-D slice sharpness at each --eps (always on)";
  }

  @Override
  public boolean alwaysOn() {
    return true;
  }

  @Override
  public Set<MeasureNeed> needs(MeasureSetup setup) {
    return Set.of(MeasureNeed.SLICE);
  }

  @Override
  public Class<SharpnessReport> resultType() {
    return SharpnessReport.class;
  }

  /**
   * The sharpness of each of the model's slices at every radius, over the direction pairs. Each
   * disk's maximum is searched on the plane itself, not only over the grid's points: the grid's
   * points (same arithmetic) are free candidates and starts of the search.
   */
  @Override
  public SharpnessReport compute(MeasureInput input, MeasureSetup setup) {
    if (input.slices().isEmpty()) {
      throw new IllegalArgumentException(
          "slice sharpness of " + input.run().folder() + " needs its slices; none were given");
    }
    List<SliceSharpness> perPair = new ArrayList<>();
    for (ModelSlice slice : input.slices()) {
      perPair.add(onePair(slice, setup));
    }
    return SharpnessReport.of(perPair);
  }

  /**
   * The sharpness of one direction pair: the largest loss increase within each radius, searched on
   * the slice's plane. {@link #compute} is this for every pair of a model, then their mean; a stage
   * may run the pairs on several lanes and combine them with {@link SharpnessReport#of}.
   */
  public static SliceSharpness onePair(ModelSlice slice, MeasureSetup setup) {
    try (LandscapeEvaluator.PlaneSlice plane = slice.plane().get()) {
      return SliceSharpness.onDisk(
          slice.grid(), DiskMaximum.of(plane, setup.slice().radii(), slice.grid().points()));
    }
  }

  /** Slice sharpness at radius {@code epsilon} under the study's normalization. */
  public static Measure at(double epsilon, String normalization) {
    return new Measure(
        "slice_sharpness@" + epsilon,
        "slice S(" + epsilon + ")",
        Measures.LOSS_INCREASE,
        "max of L(a, b) - L(0, 0) over the disk of radius "
            + epsilon
            + " on a 2-D slice along "
            + normalization
            + "-normalized directions (searched on the plane, not on the grid's points), mean"
            + " over direction pairs");
  }

  @Override
  public List<Measure> measures(MeasureSetup setup) {
    List<Measure> out = new ArrayList<>();
    for (double eps : setup.slice().radii()) {
      out.add(at(eps, setup.slice().normalization().label()));
    }
    return out;
  }

  @Override
  public Map<Measure, Double> values(SharpnessReport result, MeasureSetup setup) {
    Map<Measure, Double> values = new LinkedHashMap<>();
    for (double eps : setup.slice().radii()) {
      values.put(at(eps, setup.slice().normalization().label()), result.at(eps).interval().mean());
    }
    return values;
  }

  @Override
  public String describe(SharpnessReport result) {
    return "";
  }

  @Override
  public Optional<NoSection> summarize(SharpnessReport result, SummaryContext context) {
    return Optional.empty();
  }

  @Override
  public Class<NoSection> summaryType() {
    return null;
  }

  @Override
  public String summarySchema() {
    return "";
  }

  @Override
  public List<SummaryColumn<NoSection>> columns() {
    return List.of();
  }
}
