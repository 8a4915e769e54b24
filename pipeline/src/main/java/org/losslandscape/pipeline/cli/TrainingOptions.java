package org.losslandscape.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.pipeline.config.Recipes;
import org.losslandscape.pipeline.config.TrainingSettings;
import picocli.CommandLine.Option;

/**
 * Options that decide which models are trained and how. Every default comes from {@link
 * TrainingSettings#defaults()} or {@link Recipes}, so it is written in one place.
 */
public final class TrainingOptions {

  private static final TrainingSettings DEFAULTS = TrainingSettings.defaults();

  @Option(
      names = "--configs",
      paramLabel = "NAME,...",
      split = ",",
      description =
          "Recipes to train (default: high_lr_small_batch, high_lr_large_batch,"
              + " low_lr_small_batch, low_lr_large_batch). Each also exists as sam_<name> and"
              + " asam_<name> (trained with SAM / ASAM) and cosine_<name> (warmup + cosine"
              + " schedule), e.g. sam_high_lr_large_batch.")
  List<String> configs = new ArrayList<>();

  @Option(
      names = "--lr-high",
      paramLabel = "X",
      description = "High learning rate (default: ${DEFAULT-VALUE}).")
  double lrHigh = Recipes.DEFAULT_LR_HIGH;

  @Option(
      names = "--lr-low",
      paramLabel = "X",
      description = "Low learning rate (default: ${DEFAULT-VALUE}).")
  double lrLow = Recipes.DEFAULT_LR_LOW;

  @Option(
      names = "--batch-small",
      paramLabel = "N",
      description = "Small batch size (default: ${DEFAULT-VALUE}).")
  int batchSmall = Recipes.DEFAULT_BATCH_SMALL;

  @Option(
      names = "--batch-large",
      paramLabel = "N",
      description = "Large batch size (default: ${DEFAULT-VALUE}).")
  int batchLarge = Recipes.DEFAULT_BATCH_LARGE;

  @Option(
      names = "--hidden",
      paramLabel = "W,...",
      split = ",",
      description = "Hidden layer widths (default: 128,64).")
  List<Integer> hidden = new ArrayList<>(DEFAULTS.hidden());

  @Option(
      names = "--model",
      paramLabel = "mlp|lenet|vgg|resnet",
      description =
          "The network to train (default: ${DEFAULT-VALUE}): mlp (--hidden widths), lenet (a"
              + " LeNet-5-style CNN), vgg (two stages of two 3x3 convolutions with batch norm,"
              + " --width filters), resnet (He et al.'s CIFAR ResNet, --depth 6n+2, --width,"
              + " --skip).")
  String model = "mlp";

  @Option(
      names = "--model-file",
      paramLabel = "FILE",
      description =
          "Train the network described in FILE instead: a JSON network file (see pipeline/README.md,"
              + " 'Networks') or a Keras .keras/.h5 model (its architecture; the weights are not"
              + " used for training).")
  java.nio.file.Path modelFile;

  @Option(
      names = "--depth",
      paramLabel = "N",
      description = "Layers of --model resnet, 6n+2 (default: ${DEFAULT-VALUE}).")
  int depth = 20;

  @Option(
      names = "--width",
      paramLabel = "N",
      description =
          "Filters of the first stage of --model resnet or vgg (default: ${DEFAULT-VALUE}).")
  int width = 16;

  @Option(
      names = "--skip",
      paramLabel = "yes|no|yes,no",
      description =
          "Skip connections of --model resnet (default: ${DEFAULT-VALUE}); yes,no trains every"
              + " recipe both ways, as <recipe>_skip and <recipe>_noskip, for Li et al.'s"
              + " comparison.")
  String skip = "yes";

  @Option(
      names = "--init",
      paramLabel = "he|glorot",
      description = "Weight initialization (default: ${DEFAULT-VALUE}).")
  String init = DEFAULTS.initialization().name().toLowerCase(java.util.Locale.ROOT);

  @Option(
      names = "--schedule",
      paramLabel = "constant|warmup-cosine",
      description =
          "Learning-rate schedule (default: ${DEFAULT-VALUE}; warmup-cosine warms up over 5%% of"
              + " the steps).")
  String schedule = DEFAULTS.schedule().label();

  @Option(
      names = "--optimizer",
      paramLabel = "sgd|momentum|sam|asam",
      description =
          "Optimizer of the recipes without one of their own (default: ${DEFAULT-VALUE}):"
              + " momentum is SGD with --momentum (0.9 if not given); sam and asam take the"
              + " gradient at the worst point of a ball of radius --rho (Foret et al. 2021; Kwon et"
              + " al. 2021).")
  String optimizer = "sgd";

  @Option(
      names = "--rho",
      paramLabel = "X",
      description =
          "Radius of SAM's and ASAM's perturbation ball (default: 0.05 for SAM, 0.5 for ASAM, as"
              + " their authors use).")
  Double rho;

  @Option(
      names = "--asam-eta",
      paramLabel = "X",
      description = "ASAM's eta in T = |w| + eta (default: ${DEFAULT-VALUE}).")
  double asamEta = Optimizer.DEFAULT_ASAM_ETA;

  @Option(
      names = "--momentum",
      paramLabel = "X",
      description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum = DEFAULTS.momentum();

  @Option(names = "--epochs", paramLabel = "N", description = "Train N epochs (default: 10).")
  Integer epochs;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Train N minibatch steps instead (equal steps for every recipe).")
  Long steps;

  @Option(
      names = "--target-loss",
      paramLabel = "X",
      description =
          "Train until the full training loss is <= X (checked each epoch), at most --max-steps.")
  Double targetLoss;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Step cap for --target-loss (default: ${DEFAULT-VALUE}).")
  long maxSteps = 200_000;

  @Option(
      names = "--protocols",
      paramLabel = "LIST",
      split = ",",
      description =
          "Run the study under several training budgets and judge the claims under each:"
              + " epochs (--epochs, default 10), steps (--steps, default 4000), target-loss"
              + " (--target-loss, default 0.3, at most --max-steps), or all. Each protocol gets its"
              + " own sub-folder of --out; the verdict across them is written to --out.")
  List<String> protocols = new ArrayList<>();

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Training seed: initial weights and shuffles (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.firstSeed();

  @Option(
      names = "--seeds",
      paramLabel = "K",
      description =
          "Train every recipe with K seeds (--seed, --seed+1, ...); test accuracy, gap and"
              + " sharpness are then reported as mean and 95%% interval over the seeds (default:"
              + " ${DEFAULT-VALUE}).")
  int seeds = DEFAULTS.seeds();
}
