package org.losslandscape.pipeline.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.training.Optimizer;

/**
 * The recipes of a sweep: the full factorial of its axes. Learning rate and batch size always vary
 * (one value each is allowed); the further axes a generalization study varies (Jiang et al. 2019)
 * vary when given, and otherwise take the study's value: the hidden layers' width and depth, weight
 * decay, dropout, momentum, the optimizer and the training-set size. Each setting is one {@link
 * Recipe} named after its values ({@code lr0.1_b32_w256_d2}), so the verdict reads its axes off the
 * hyperparameters, as it does for the default study.
 *
 * @param learningRates the learning rates, in the order given (each positive, no repeats)
 * @param batchSizes the batch sizes (each >= 1, no repeats)
 * @param widths every hidden layer's width (each >= 1), or empty for the study's network
 * @param depths the number of hidden layers (each >= 0), or empty for the study's
 * @param weightDecays L2 weight decays (each >= 0), or empty for none
 * @param dropouts dropout rates (each in [0, 1)), or empty for none
 * @param momenta heavy-ball momenta (each in [0, 1)), or empty for the study's
 * @param optimizers optimizers ({@code sgd}, {@code sam}, {@code asam}), or empty for the study's
 * @param trainSizes training-set sizes (each >= 1), or empty for the whole set
 */
public record SweepGrid(
    List<Double> learningRates,
    List<Integer> batchSizes,
    List<Integer> widths,
    List<Integer> depths,
    List<Double> weightDecays,
    List<Double> dropouts,
    List<Double> momenta,
    List<String> optimizers,
    List<Integer> trainSizes) {

  public SweepGrid {
    learningRates = List.copyOf(learningRates);
    batchSizes = List.copyOf(batchSizes);
    widths = List.copyOf(widths);
    depths = List.copyOf(depths);
    weightDecays = List.copyOf(weightDecays);
    dropouts = List.copyOf(dropouts);
    momenta = List.copyOf(momenta);
    optimizers = List.copyOf(optimizers);
    trainSizes = List.copyOf(trainSizes);
    if (learningRates.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one learning rate");
    }
    if (batchSizes.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one batch size");
    }
    for (double lr : learningRates) {
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException(
            "sweep learning rates must be positive numbers, got " + lr);
      }
    }
    check(batchSizes, b -> b >= 1, "sweep batch sizes must be >= 1");
    check(widths, w -> w >= 1, "sweep widths must be >= 1");
    check(depths, d -> d >= 0, "sweep depths must be >= 0");
    check(weightDecays, w -> w >= 0 && Double.isFinite(w), "sweep weight decays must be >= 0");
    check(dropouts, d -> d >= 0 && d < 1, "sweep dropout rates must be in [0, 1)");
    check(momenta, m -> m >= 0 && m < 1, "sweep momenta must be in [0, 1)");
    check(trainSizes, n -> n >= 1, "sweep training-set sizes must be >= 1");
    optimizers.forEach(Optimizer::parse); // refuses unknown names
    distinct(learningRates, "sweep learning rates must differ");
    distinct(batchSizes, "sweep batch sizes must differ");
    distinct(widths, "sweep widths must differ");
    distinct(depths, "sweep depths must differ");
    distinct(weightDecays, "sweep weight decays must differ");
    distinct(dropouts, "sweep dropout rates must differ");
    distinct(momenta, "sweep momenta must differ");
    distinct(optimizers, "sweep optimizers must differ");
    distinct(trainSizes, "sweep training-set sizes must differ");
  }

  /** A grid of learning rates and batch sizes only. */
  public SweepGrid(List<Double> learningRates, List<Integer> batchSizes) {
    this(
        learningRates,
        batchSizes,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** Learning rates 0.1, 0.03, 0.01 and batch sizes 32, 128, 1024: nine recipes. */
  public static SweepGrid defaults() {
    return new SweepGrid(List.of(0.1, 0.03, 0.01), List.of(32, 128, 1024));
  }

  /** The recipes of a grid without width or depth axes. */
  public List<Recipe> recipes() {
    return recipes(List.of());
  }

  /**
   * One recipe per combination of the axes' values, learning rate outermost, training-set size
   * innermost.
   *
   * @param studyHidden the study's hidden widths: width and depth default to its first width and
   *     its number of layers when only one of them varies
   */
  public List<Recipe> recipes(List<Integer> studyHidden) {
    List<Recipe> out = new ArrayList<>();
    List<Optional<Integer>> ws = options(widths);
    List<Optional<Integer>> ds = options(depths);
    for (double lr : learningRates) {
      for (int batch : batchSizes) {
        for (Optional<Integer> w : ws) {
          for (Optional<Integer> d : ds) {
            for (Optional<Double> wd : options(weightDecays)) {
              for (Optional<Double> dropout : options(dropouts)) {
                for (Optional<Double> momentum : options(momenta)) {
                  for (Optional<String> optimizer : options(optimizers)) {
                    for (Optional<Integer> n : options(trainSizes)) {
                      Optional<List<Integer>> hidden =
                          w.isEmpty() && d.isEmpty()
                              ? Optional.empty()
                              : Optional.of(
                                  java.util.Collections.nCopies(
                                      d.orElse(studyHidden.size()),
                                      w.orElse(studyHidden.isEmpty() ? 0 : studyHidden.get(0))));
                      StringBuilder name = new StringBuilder(recipeName(lr, batch));
                      w.ifPresent(v -> name.append("_w").append(v));
                      d.ifPresent(v -> name.append("_d").append(v));
                      wd.ifPresent(v -> name.append("_wd").append(plain(v)));
                      dropout.ifPresent(v -> name.append("_do").append(plain(v)));
                      momentum.ifPresent(v -> name.append("_m").append(plain(v)));
                      optimizer.ifPresent(v -> name.append("_").append(v));
                      n.ifPresent(v -> name.append("_n").append(v));
                      out.add(
                          new Recipe(
                              name.toString(),
                              lr,
                              batch,
                              optimizer.map(Optimizer::parse),
                              Optional.empty(),
                              new Variation(hidden, wd, momentum, dropout, n, Optional.empty())));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code lr0.1_b32}: the learning rate in its shortest plain decimal form, then the batch. */
  public static String recipeName(double learningRate, int batchSize) {
    return "lr" + plain(learningRate) + "_b" + batchSize;
  }

  private static String plain(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Each value of an axis, or one empty value when the axis does not vary. */
  private static <T> List<Optional<T>> options(List<T> values) {
    return values.isEmpty()
        ? List.of(Optional.empty())
        : values.stream().map(Optional::of).toList();
  }

  private static <T> void check(
      List<T> values, java.util.function.Predicate<T> valid, String message) {
    for (T v : values) {
      if (!valid.test(v)) {
        throw new IllegalArgumentException(message + ", got " + v);
      }
    }
  }

  private static <T> void distinct(List<T> values, String message) {
    if (new HashSet<>(values).size() < values.size()) {
      throw new IllegalArgumentException(message + ", got " + values);
    }
  }
}
