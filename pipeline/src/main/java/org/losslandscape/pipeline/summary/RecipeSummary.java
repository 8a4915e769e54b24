package org.losslandscape.pipeline.summary;

/**
 * One recipe of a study (its first seed, plus {@code overSeeds} with {@code --seeds K}), or the
 * model sliced by {@code landscape}. Training fields are null for a sliced model; metric, landscape
 * and sharpness fields are null for a diverged run.
 *
 * @param name the recipe's (or model's) name
 * @param learningRate SGD step size
 * @param batchSize the batch size asked for
 * @param effectiveBatchSize the batch size used, when it differs (more than the training set)
 * @param lrOverBatch learning rate over batch size (Smith and Le's noise scale, up to N)
 * @param optimizer the optimizer, e.g. {@code sgd}, {@code sam(rho=0.05)}
 * @param schedule the learning-rate schedule
 * @param epochs passes over the data
 * @param steps minibatch updates
 * @param status {@code completed}, {@code target_not_reached} or {@code diverged}
 * @param message why the run diverged or missed its target
 * @param fromCache the weights were reused from the cache
 * @param trainingSeconds wall-clock training time (of the run that trained them)
 * @param trainLoss mean cross-entropy on the full training set
 * @param trainAccuracy accuracy on the full training set
 * @param testLoss mean cross-entropy on the test set
 * @param testAccuracy accuracy on the test set
 * @param generalizationGap test loss minus training loss
 * @param landscape the slice's settings and its loss range
 * @param sharpness slice sharpness at every radius
 * @param overSeeds every seed's run and the intervals over seeds ({@code --seeds K > 1})
 * @param measures the first seed's measures beyond the slices ({@code --measures})
 */
public record RecipeSummary(
    String name,
    Double learningRate,
    Integer batchSize,
    Integer effectiveBatchSize,
    Double lrOverBatch,
    String optimizer,
    String schedule,
    VariationSummary variation,
    Double epochs,
    Long steps,
    String status,
    String message,
    Boolean fromCache,
    Double trainingSeconds,
    Double trainLoss,
    Double trainAccuracy,
    Double testLoss,
    Double testAccuracy,
    Double generalizationGap,
    LandscapeSummary landscape,
    SharpnessSummary sharpness,
    OverSeedsSummary overSeeds,
    MeasuresSummary measures) {

  /**
   * What a recipe changes beyond learning rate and batch size; null fields are the study's.
   *
   * @param hidden the hidden layers' widths
   * @param weightDecay L2 weight decay
   * @param momentum heavy-ball momentum
   * @param dropout dropout rate
   * @param trainSize training-set size
   */
  public record VariationSummary(
      java.util.List<Integer> hidden,
      Double weightDecay,
      Double momentum,
      Double dropout,
      Integer trainSize) {

    /** The summary of {@code v}, or null when it changes nothing. */
    public static VariationSummary of(org.losslandscape.pipeline.config.Variation v) {
      if (v.equals(org.losslandscape.pipeline.config.Variation.NONE)) {
        return null;
      }
      return new VariationSummary(
          v.hidden().orElse(null),
          v.weightDecay().orElse(null),
          v.momentum().orElse(null),
          v.dropout().orElse(null),
          v.trainSize().orElse(null));
    }
  }

  /**
   * A model this run did not train (a saved folder sliced with {@code landscape}, or an end of an
   * {@code interpolate} line): its losses and accuracies, and its slice when it has one; the
   * training fields are absent.
   */
  public static RecipeSummary savedModel(
      String name,
      double trainLoss,
      double trainAccuracy,
      double testLoss,
      double testAccuracy,
      LandscapeSummary landscape,
      SharpnessSummary sharpness) {
    return new RecipeSummary(
        name,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        trainLoss,
        trainAccuracy,
        testLoss,
        testAccuracy,
        testLoss - trainLoss,
        landscape,
        sharpness,
        null,
        null);
  }
}
