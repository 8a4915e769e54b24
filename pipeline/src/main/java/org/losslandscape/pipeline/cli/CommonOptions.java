package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where results go, where data comes from, the device, logging. */
public final class CommonOptions {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "results",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

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
      defaultValue = "auto",
      description =
          "Where TensorFlow runs (default: ${DEFAULT-VALUE}). cuda falls back to the CPU with a "
              + "warning when no GPU is usable.")
  String device;

  @Option(
      names = "--require-gpu",
      description = "Fail with exit code 3 instead of falling back to the CPU.")
  boolean requireGpu;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "TensorFlow intra-op threads (default: one per core).")
  int threads;

  @Option(names = "--verbose", description = "Debug logging.")
  boolean verbose;
}
