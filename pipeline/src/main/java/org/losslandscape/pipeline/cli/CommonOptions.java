package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import org.losslandscape.pipeline.config.DeviceSettings;
import picocli.CommandLine.Option;

/** Options every command shares: where the data comes from, the device, threads, logging. */
public final class CommonOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Fashion-MNIST folder with the four IDX files (.gz or raw). Default: $FASHION_MNIST_DIR,"
              + " ~/.cache/loss-landscape/fashion-mnist, /usr/share/datasets/fashion-mnist, else"
              + " download.")
  Path dataDir;

  @Option(
      names = "--device",
      paramLabel = "auto|cpu|cuda",
      description =
          "Where TensorFlow runs (default: ${DEFAULT-VALUE}). cuda falls back to the CPU with a "
              + "warning when no GPU is usable.")
  String device = DeviceSettings.defaults().request().label();

  @Option(
      names = "--require-gpu",
      description = "Fail with exit code 3 instead of falling back to the CPU.")
  boolean requireGpu = DeviceSettings.defaults().requireGpu();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "TensorFlow intra-op threads of each session (default: 0 = the cores shared out between"
              + " the lanes: 1 on the CPU, all on a GPU).")
  int threads = DeviceSettings.defaults().threads();

  @Option(
      names = "--steps-per-run",
      paramLabel = "K",
      description =
          "Training steps per TensorFlow Session.run (default: ${DEFAULT-VALUE}); any value gives"
              + " the same weights, 1 is the old one-run-per-step path.")
  int stepsPerRun = DeviceSettings.defaults().stepsPerRun();

  @Option(
      names = "--lanes",
      paramLabel = "N",
      description =
          "Independent pieces of work run at once: training stacks, slices, each model's measures"
              + " (default: 0 = one per core on the CPU, one on a GPU).")
  int lanes = DeviceSettings.defaults().lanes();

  @Option(
      names = "--max-stack",
      paramLabel = "M",
      description =
          "The most models trained together in one graph (default: 0 = as many as memory allows,"
              + " at most 32).")
  int maxStack = DeviceSettings.defaults().maxStack();

  @Option(names = "--verbose", description = "Debug logging, and stack traces with errors.")
  boolean verbose;
}
