package org.losslandscape.pipeline.stages;

import java.util.Arrays;
import java.util.Random;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.SliceSettings;

/**
 * The fixed, seeded subset of a split on which every landscape point is evaluated; the same for
 * every model, so that their landscapes differ only by their weights.
 *
 * @param split the split the examples come from
 * @param requested how many examples were asked for (more than {@code indices.length} when the
 *     split is smaller)
 * @param indices the examples' indices in that split, ascending
 * @param data the examples themselves
 */
public record LandscapeSamples(DataSplit split, int requested, int[] indices, LabeledData data) {

  private static final Logger LOG = LogManager.getLogger(LandscapeSamples.class);

  /** The subset the settings ask for, seeded by the direction seed. */
  public static LandscapeSamples forStudy(SliceSettings settings, PreparedData data) {
    return forStudy(settings, data, 0);
  }

  /**
   * As {@link #forStudy(SliceSettings, PreparedData)}, for a study whose smallest training subset
   * holds {@code trainExamples} (0 = the whole set): training samples are drawn from that subset,
   * which every model trained on (subsets are nested), and keep their indices in the whole set.
   */
  public static LandscapeSamples forStudy(
      SliceSettings settings, PreparedData data, int trainExamples) {
    LabeledData split = settings.split() == DataSplit.TEST ? data.test() : data.train();
    LandscapeSamples samples;
    if (settings.split() == DataSplit.TRAIN && trainExamples > 0 && trainExamples < split.count()) {
      int[] pool = split.subsetIndices(trainExamples);
      LandscapeSamples local =
          draw(settings.split(), split.select(pool), settings.samples(), settings.directionSeed());
      int[] indices = new int[local.indices().length];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = pool[local.indices()[i]];
      }
      samples = new LandscapeSamples(settings.split(), settings.samples(), indices, local.data());
    } else {
      samples = draw(settings.split(), split, settings.samples(), settings.directionSeed());
    }
    if (samples.clamped()) {
      LOG.warn(
          "{} landscape samples asked for, but the {} split holds {}: using all {}",
          settings.samples(),
          settings.split().label(),
          split.count(),
          split.count());
    }
    return samples;
  }

  /**
   * {@code count} examples of {@code source} drawn without replacement from {@code seed} (all if
   * fewer).
   */
  public static LandscapeSamples draw(DataSplit split, LabeledData source, int count, long seed) {
    int n = source.count();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    int take = Math.min(count, n);
    // Partial Fisher-Yates: the first `take` entries are the sample.
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] indices = Arrays.copyOf(order, take);
    Arrays.sort(indices);
    return new LandscapeSamples(split, count, indices, source.select(indices));
  }

  /** True when fewer examples were available than asked for. */
  public boolean clamped() {
    return indices.length < requested;
  }
}
