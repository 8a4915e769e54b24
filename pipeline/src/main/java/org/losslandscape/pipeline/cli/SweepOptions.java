package org.losslandscape.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.config.SweepBackend;
import org.losslandscape.pipeline.config.SweepSettings;
import picocli.CommandLine.Option;

/**
 * Options of the {@code sweep} command: the grid and where its tasks run. Defaults come from {@link
 * SweepSettings#defaults()}.
 */
public final class SweepOptions {

  private static final SweepSettings DEFAULTS = SweepSettings.defaults();

  @Option(
      names = "--lrs",
      paramLabel = "X,...",
      split = ",",
      description = "Learning rates of the grid (default: 0.1,0.03,0.01).")
  List<Double> learningRates = new ArrayList<>(DEFAULTS.grid().learningRates());

  @Option(
      names = "--batches",
      paramLabel = "N,...",
      split = ",",
      description = "Batch sizes of the grid (default: 32,128,1024).")
  List<Integer> batchSizes = new ArrayList<>(DEFAULTS.grid().batchSizes());

  @Option(
      names = "--widths",
      paramLabel = "N,...",
      split = ",",
      description =
          "Widths of every hidden layer, an axis of the grid (default: the study's network).")
  List<Integer> widths = new ArrayList<>();

  @Option(
      names = "--depths",
      paramLabel = "N,...",
      split = ",",
      description = "Numbers of hidden layers, an axis of the grid (default: the study's).")
  List<Integer> depths = new ArrayList<>();

  @Option(
      names = "--weight-decays",
      paramLabel = "X,...",
      split = ",",
      description = "L2 weight decays, an axis of the grid (default: none).")
  List<Double> weightDecays = new ArrayList<>();

  @Option(
      names = "--dropouts",
      paramLabel = "X,...",
      split = ",",
      description = "Dropout rates after every hidden layer, an axis of the grid (default: none).")
  List<Double> dropouts = new ArrayList<>();

  @Option(
      names = "--momenta",
      paramLabel = "X,...",
      split = ",",
      description = "Heavy-ball momenta, an axis of the grid (default: the study's --momentum).")
  List<Double> momenta = new ArrayList<>();

  @Option(
      names = "--optimizers",
      paramLabel = "NAME,...",
      split = ",",
      description = "Optimizers, of sgd, sam, asam, an axis of the grid (default: --optimizer).")
  List<String> optimizers = new ArrayList<>();

  @Option(
      names = "--train-sizes",
      paramLabel = "N,...",
      split = ",",
      description =
          "Training-set sizes (nested seeded subsets), an axis of the grid (default: all).")
  List<Integer> trainSizes = new ArrayList<>();

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Embedded executor: run N tasks at once on this machine, the cores split between them"
              + " (default: ${DEFAULT-VALUE}).")
  int parallel = ((SweepBackend.Embedded) DEFAULTS.backend()).parallel();

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Run the tasks on Apache Spark: spark://HOST:7077, local[N], yarn, k8s://... (needs"
              + " Spark on the class path, e.g. through spark-submit, whose --master is used"
              + " when this is not given).")
  String master;
}
