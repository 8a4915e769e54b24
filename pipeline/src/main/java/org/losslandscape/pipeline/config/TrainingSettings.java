package org.losslandscape.pipeline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.models.training.TrainingConfig;

/**
 * How the study trains: the recipes and everything they share.
 *
 * <p>Every recipe's {@link TrainingConfig} is built once here, at construction, so that an
 * impossible learning rate, batch size, momentum or schedule/budget combination is refused before
 * any data is loaded, by the same rules the trainer uses.
 *
 * @param recipes the recipes to train, in study order (empty when only slicing given weights)
 * @param network which network the study trains ({@code --model}, {@code --model-file}); it is
 *     built for the data's input shape and classes once they are read ({@link
 *     #architectureOf(Recipe, InputShape, int)})
 * @param initialization weight initialization
 * @param schedule learning-rate schedule (a recipe may have its own)
 * @param optimizer SGD, SAM or ASAM (a recipe may have its own)
 * @param momentum heavy-ball momentum (0 = none), applied to whichever gradient the optimizer takes
 * @param budget when to stop
 * @param firstSeed training seed of each recipe's first run
 * @param seeds runs per recipe, with seeds firstSeed, firstSeed + 1, ...
 */
public record TrainingSettings(
    List<Recipe> recipes,
    NetworkChoice network,
    Initialization initialization,
    LearningRateSchedule schedule,
    Optimizer optimizer,
    double momentum,
    TrainingBudget budget,
    long firstSeed,
    int seeds) {

  public TrainingSettings {
    recipes = List.copyOf(recipes);
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(initialization, "initialization");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(budget, "budget");
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds per recipe must be >= 1, got " + seeds);
    }
    for (Recipe recipe : recipes) {
      configFor(recipe, recipe.name(), firstSeed, schedule, optimizer, momentum, budget);
      if (!(network instanceof NetworkChoice.Mlp)) {
        if (recipe.variation().hidden().isPresent() || recipe.variation().dropout().isPresent()) {
          throw new IllegalArgumentException(
              "recipe "
                  + recipe.name()
                  + " sets hidden widths or dropout, which apply to the mlp only, not to "
                  + network.label());
        }
      }
      if (recipe.variation().skip().isPresent()
          && !(network instanceof NetworkChoice.BuiltIn b
              && b.name() == NetworkChoice.BuiltInName.RESNET)) {
        throw new IllegalArgumentException(
            "recipe " + recipe.name() + " sets skip connections, which only --model resnet has");
      }
    }
  }

  /** The MLP's hidden widths (the study's), or empty for any other network. */
  public List<Integer> hidden() {
    return network instanceof NetworkChoice.Mlp mlp ? mlp.hidden() : List.of();
  }

  /**
   * The four default recipes, 784-128-64-10, He init, constant-rate SGD for 10 epochs, five seeds
   * from 42: enough for the verdict's tests between recipes to resolve after Holm's correction (one
   * seed gives no interval over training at all; with three the Hessian's cells sat near alpha),
   * and stacked they train in about 30 s here.
   */
  public static TrainingSettings defaults() {
    return new TrainingSettings(
        Recipes.defaults(),
        new NetworkChoice.Mlp(MlpArchitecture.fashionMnistDefault().hidden()),
        Initialization.HE,
        LearningRateSchedule.constant(),
        Optimizer.sgd(),
        0.0,
        new TrainingBudget.Epochs(10),
        42,
        5);
  }

  /** The same settings with {@code newBudget} (one protocol of a multi-protocol study). */
  public TrainingSettings withBudget(TrainingBudget newBudget) {
    return new TrainingSettings(
        recipes,
        network,
        initialization,
        schedule,
        optimizer,
        momentum,
        newBudget,
        firstSeed,
        seeds);
  }

  /** Every run the settings call for: each recipe's seeds, recipe by recipe. */
  public List<RunId> runs() {
    List<RunId> runs = new ArrayList<>();
    for (Recipe recipe : recipes) {
      for (int k = 0; k < seeds; k++) {
        runs.add(new RunId(recipe.name(), firstSeed + k, k));
      }
    }
    return runs;
  }

  /** The recipe a run belongs to. */
  public Recipe recipe(RunId run) {
    return recipes.stream()
        .filter(r -> r.name().equals(run.recipe()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no recipe named " + run.recipe()));
  }

  /** The trainer's configuration of one run. */
  public TrainingConfig configFor(RunId run) {
    return configFor(
        recipe(run), run.label(seeds > 1), run.seed(), schedule, optimizer, momentum, budget);
  }

  /**
   * The network {@code recipe} trains on images of shape {@code input} with {@code classes}
   * classes: its own hidden widths, or the study's, between the data's input size and class count.
   */
  public Network architectureOf(Recipe recipe, InputShape input, int classes) {
    if (network instanceof NetworkChoice.Mlp mlp) {
      return new MlpArchitecture(
          input.size(), recipe.variation().hidden().orElse(mlp.hidden()), classes);
    }
    if (network instanceof NetworkChoice.BuiltIn b && recipe.variation().skip().isPresent()) {
      return new NetworkChoice.BuiltIn(
              b.name(), b.depth(), b.width(), recipe.variation().skip().get())
          .build(input, classes);
    }
    return network.build(input, classes);
  }

  /**
   * The study's network (no recipe's own widths) on images of {@code input} with {@code classes}.
   */
  public Network architectureFor(InputShape input, int classes) {
    return network.build(input, classes);
  }

  /**
   * The initial weights of {@code run} on the data: its recipe's network, initialized from its
   * seed.
   */
  public Parameters initialWeights(RunId run, InputShape input, int classes) {
    return initialization.initialize(architectureOf(recipe(run), input, classes), run.seed());
  }

  /**
   * The smallest training subset any recipe trains on, or 0 when every recipe trains on the whole
   * training set: the examples every model of the study has seen.
   */
  public int smallestTrainExamples() {
    return recipes.stream()
        .map(r -> r.variation().trainSize())
        .filter(java.util.Optional::isPresent)
        .mapToInt(java.util.Optional::get)
        .min()
        .orElse(0);
  }

  /** The optimizer {@code recipe} trains with: its own, or the study's. */
  public Optimizer optimizerOf(Recipe recipe) {
    return recipe.optimizer().orElse(optimizer);
  }

  /** The schedule {@code recipe} trains with: its own, or the study's. */
  public LearningRateSchedule scheduleOf(Recipe recipe) {
    return recipe.schedule().orElse(schedule);
  }

  private static TrainingConfig configFor(
      Recipe recipe,
      String label,
      long seed,
      LearningRateSchedule schedule,
      Optimizer optimizer,
      double momentum,
      TrainingBudget budget) {
    Variation v = recipe.variation();
    return new TrainingConfig(
            label,
            recipe.learningRate(),
            recipe.batchSize(),
            v.momentum().orElse(momentum),
            recipe.schedule().orElse(schedule),
            budget,
            seed,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT)
        .withOptimizer(recipe.optimizer().orElse(optimizer))
        .withWeightDecay(v.weightDecay().orElse(0.0))
        .withDropout(v.dropout().orElse(0.0))
        .withTrainExamples(v.trainSize().orElse(0));
  }
}
