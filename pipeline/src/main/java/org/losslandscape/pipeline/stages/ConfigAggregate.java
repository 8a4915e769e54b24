package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.sharpness.MeanInterval;
import org.losslandscape.pipeline.config.RunConfig;

/**
 * One configuration over its training seeds: the numbers a claim about the recipe rests on.
 *
 * <p>With several seeds, every interval is over seeds (each seed's sharpness first averaged over
 * its direction pairs), because training randomness is what a different recipe has to beat. With
 * one seed, sharpness intervals are over the direction pairs of that seed, and metric intervals are
 * single points.
 *
 * @param config the recipe
 * @param runs its trained runs, first seed first (diverged ones included)
 * @param landscapes the slices of its usable runs, first seed first
 */
public record ConfigAggregate(
    RunConfig config, List<TrainedModel> runs, List<ModelLandscape> landscapes) {

  public ConfigAggregate {
    runs = List.copyOf(runs);
    landscapes = List.copyOf(landscapes);
  }

  /** True when the config was trained with several seeds: intervals are then over seeds. */
  public boolean overSeeds() {
    return runs.size() > 1;
  }

  /** What the intervals are over, for captions and the summary. */
  public String intervalSource() {
    if (!overSeeds()) {
      return "direction pairs of one training seed (training noise not included; use --seeds)";
    }
    return runs.size()
        + " training seeds"
        + (landscapes.size() < runs.size() ? " (" + landscapes.size() + " did not diverge)" : "");
  }

  public MeanInterval testAccuracy() {
    return MeanInterval.of(usable().stream().mapToDouble(m -> m.test().accuracy()).toArray());
  }

  public MeanInterval testLoss() {
    return MeanInterval.of(usable().stream().mapToDouble(m -> m.test().loss()).toArray());
  }

  public MeanInterval trainLoss() {
    return MeanInterval.of(usable().stream().mapToDouble(m -> m.train().loss()).toArray());
  }

  public MeanInterval generalizationGap() {
    return MeanInterval.of(
        usable().stream().mapToDouble(TrainedModel::generalizationGap).toArray());
  }

  /**
   * Slice sharpness at {@code epsilon}: with several seeds, over the usable seeds' pair means (a
   * single usable seed gives a point, never a pair interval); with one seed, over its pairs.
   */
  public MeanInterval sharpness(double epsilon) {
    if (!overSeeds()) {
      return landscapes.get(0).report().at(epsilon).interval();
    }
    return MeanInterval.of(
        landscapes.stream().mapToDouble(l -> l.report().at(epsilon).interval().mean()).toArray());
  }

  /** Sharpness per seed (mean over that seed's direction pairs), first seed first. */
  public double[] sharpnessPerSeed(double epsilon) {
    return landscapes.stream().mapToDouble(l -> l.report().at(epsilon).interval().mean()).toArray();
  }

  /**
   * The orderings at {@code epsilon} that the data support: "A flatter than B" for every pair of
   * configs whose sharpness intervals come from the same source, have n > 1 and do not overlap.
   */
  public static List<String> separatedOrderings(List<ConfigAggregate> aggregates, double epsilon) {
    List<String> separated = new java.util.ArrayList<>();
    for (int i = 0; i < aggregates.size(); i++) {
      for (int j = i + 1; j < aggregates.size(); j++) {
        ConfigAggregate x = aggregates.get(i);
        ConfigAggregate y = aggregates.get(j);
        MeanInterval a = x.sharpness(epsilon);
        MeanInterval b = y.sharpness(epsilon);
        if (x.intervalSource().equals(y.intervalSource())
            && a.n() > 1
            && b.n() > 1
            && a.separatedFrom(b)) {
          ConfigAggregate flatter = a.mean() < b.mean() ? x : y;
          ConfigAggregate sharper = flatter == x ? y : x;
          separated.add(flatter.config().name() + " flatter than " + sharper.config().name());
        }
      }
    }
    return separated;
  }

  private List<TrainedModel> usable() {
    return runs.stream().filter(TrainedModel::usable).toList();
  }

  /** The first seed's landscape, the one the figures show. */
  public ModelLandscape primary() {
    return landscapes.get(0);
  }
}
