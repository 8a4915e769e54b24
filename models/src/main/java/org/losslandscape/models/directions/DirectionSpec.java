package org.losslandscape.models.directions;

/**
 * How to draw a {@link DirectionPair}.
 *
 * @param normalization how each direction is scaled to the weights
 * @param biasRule what the directions do to the biases ({@link BiasRule#ZERO} by default)
 * @param batchNormRule what they do to batch norm's scales and shifts (by default the bias rule, as
 *     Li et al.'s {@code ignore=biasbn} treats both alike)
 * @param seed seeds the Gaussian draw; the same seed gives the same raw draw for every model of one
 *     architecture, so models differ only by their weights
 */
public record DirectionSpec(
    Normalization normalization, BiasRule biasRule, BiasRule batchNormRule, long seed) {

  /** Batch-norm parameters treated as the biases. */
  public DirectionSpec(Normalization normalization, BiasRule biasRule, long seed) {
    this(normalization, biasRule, biasRule, seed);
  }

  /**
   * The two rules that existed before {@link BiasRule}: {@code includeBias} false is {@link
   * BiasRule#ZERO}, true is {@link BiasRule#GAUSSIAN}.
   */
  public DirectionSpec(Normalization normalization, boolean includeBias, long seed) {
    this(normalization, includeBias ? BiasRule.GAUSSIAN : BiasRule.ZERO, seed);
  }

  public DirectionSpec {
    if (normalization == null || biasRule == null || batchNormRule == null) {
      throw new IllegalArgumentException(
          "a direction needs a normalization, a bias rule and a batch-norm rule");
    }
  }
}
