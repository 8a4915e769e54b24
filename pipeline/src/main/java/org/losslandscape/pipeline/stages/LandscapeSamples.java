package org.losslandscape.pipeline.stages;

import java.util.Arrays;
import java.util.Random;
import org.losslandscape.models.data.LabeledData;

/**
 * The fixed, seeded subset of a split on which every landscape point is evaluated; the same for
 * every model, so that their landscapes differ only by their weights.
 *
 * @param split {@code train} or {@code test}
 * @param indices the examples' indices in that split, ascending
 * @param data the examples themselves
 */
public record LandscapeSamples(String split, int[] indices, LabeledData data) {

  /** The subset the options ask for: {@code --landscape-split}, {@code --landscape-samples}. */
  public static LandscapeSamples forStudy(
      org.losslandscape.pipeline.config.StudyOptions options, PreparedData data) {
    LabeledData split = options.landscapeSplit().equals("test") ? data.test() : data.train();
    return draw(
        options.landscapeSplit(), split, options.landscapeSamples(), options.directionSeed());
  }

  /**
   * {@code count} examples of {@code source} drawn without replacement from {@code seed} (all if
   * fewer).
   */
  public static LandscapeSamples draw(String split, LabeledData source, int count, long seed) {
    int n = source.count();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    int take = Math.min(count, n);
    for (int i = 0;
        i < take;
        i++) { // partial Fisher-Yates: the first `take` entries are the sample
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] indices = Arrays.copyOf(order, take);
    Arrays.sort(indices);
    return new LandscapeSamples(split, indices, source.select(indices));
  }
}
