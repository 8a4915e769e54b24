package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.pipeline.config.Recipe;

/**
 * One recipe over its training seeds: the numbers a claim about the recipe rests on.
 *
 * <p>With several seeds, every interval is over seeds (each seed's sharpness first averaged over
 * its direction pairs), because training randomness is what a different recipe has to beat. With
 * one seed, sharpness intervals are over the direction pairs of that seed, and metric intervals are
 * single points.
 *
 * @param recipe the recipe
 * @param runs its trained runs, first seed first (diverged ones included)
 * @param landscapes the slices of its usable runs, first seed first
 */
public record RecipeAggregate(
    Recipe recipe, List<TrainedModel> runs, List<ModelLandscape> landscapes) {

  public RecipeAggregate {
    runs = List.copyOf(runs);
    landscapes = List.copyOf(landscapes);
    if (landscapes.isEmpty()) {
      throw new IllegalArgumentException(recipe.name() + " has no sliced run to aggregate");
    }
  }

  /**
   * Training seeds when several seeds were sliced, or when the others diverged (the survivor's
   * sharpness is then a point, not a pair interval that would look like a seed interval); the
   * direction pairs of the one sliced seed when one was trained, or when the others were trained
   * but not sliced ({@code --sliced-seeds}).
   */
  public IntervalSource intervalSource() {
    if (landscapes.size() > 1) {
      return IntervalSource.TRAINING_SEEDS;
    }
    boolean othersNotSliced = usable().size() > landscapes.size();
    return runs.size() > 1 && !othersNotSliced
        ? IntervalSource.TRAINING_SEEDS
        : IntervalSource.DIRECTION_PAIRS;
  }

  /** What the sharpness intervals are over, in words, for captions and logs. */
  public String describeIntervals() {
    int usable = usable().size();
    if (intervalSource() == IntervalSource.DIRECTION_PAIRS) {
      return runs.size() > 1
          ? "direction pairs of the first seed, the one sliced (training noise not included;"
              + " --sliced-seeds all slices every seed)"
          : "direction pairs of one training seed (training noise not included; use --seeds)";
    }
    if (landscapes.size() < usable) {
      return landscapes.size() + " sliced training seeds of " + runs.size();
    }
    return runs.size()
        + " training seeds"
        + (usable < runs.size() ? " (" + usable + " did not diverge)" : "");
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
    if (intervalSource() == IntervalSource.DIRECTION_PAIRS) {
      return landscapes.get(0).report().at(epsilon).interval();
    }
    return MeanInterval.of(sharpnessPerSeed(epsilon));
  }

  /** Sharpness per seed (mean over that seed's direction pairs), first seed first. */
  public double[] sharpnessPerSeed(double epsilon) {
    return landscapes.stream().mapToDouble(l -> l.report().at(epsilon).interval().mean()).toArray();
  }

  private List<TrainedModel> usable() {
    return runs.stream().filter(TrainedModel::usable).toList();
  }

  /** The first usable seed's landscape, the one the figures show. */
  public ModelLandscape primary() {
    return landscapes.get(0);
  }
}
