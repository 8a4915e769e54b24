package org.losslandscape.pipeline.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a recipe changes beyond its learning rate and batch size, each empty unless the recipe sets
 * it: the axes a generalization study varies (Jiang et al. 2019 vary width, depth, weight decay,
 * dropout, optimizer and training-set size). Whatever a recipe leaves empty is the study's.
 *
 * @param hidden the hidden layers' widths (width and depth), e.g. {@code [256, 256]}
 * @param weightDecay L2 weight decay
 * @param momentum heavy-ball momentum
 * @param dropout the dropout rate after every hidden layer while training
 * @param trainSize examples of the training set this recipe trains on (a fixed seeded subset)
 * @param skip whether a ResNet's blocks add their shortcuts ({@code --skip yes,no} compares both)
 */
public record Variation(
    Optional<List<Integer>> hidden,
    Optional<Double> weightDecay,
    Optional<Double> momentum,
    Optional<Double> dropout,
    Optional<Integer> trainSize,
    Optional<Boolean> skip) {

  /** Nothing changed. */
  public static final Variation NONE =
      new Variation(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  /**
   * The variation of a recipe as the study's network without its skips, or with them: what the
   * comparison {@code --skip yes,no} trains.
   */
  public Variation withSkip(boolean on) {
    return new Variation(hidden, weightDecay, momentum, dropout, trainSize, Optional.of(on));
  }

  public Variation {
    Objects.requireNonNull(hidden, "hidden");
    Objects.requireNonNull(weightDecay, "weightDecay");
    Objects.requireNonNull(momentum, "momentum");
    Objects.requireNonNull(dropout, "dropout");
    Objects.requireNonNull(trainSize, "trainSize");
    Objects.requireNonNull(skip, "skip");
    hidden = hidden.map(List::copyOf);
    dropout.ifPresent(
        d -> {
          if (!(d >= 0 && d < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + d);
          }
        });
    trainSize.ifPresent(
        n -> {
          if (n < 1) {
            throw new IllegalArgumentException("the training-set size must be >= 1, got " + n);
          }
        });
  }
}
