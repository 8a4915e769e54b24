package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that decide which models are trained and how. */
public final class TrainingOptions {

  @Option(
      names = "--configs",
      paramLabel = "NAME,...",
      split = ",",
      description =
          "Subset of high_lr_small_batch, high_lr_large_batch, low_lr_small_batch,"
              + " low_lr_large_batch (default: all four).")
  List<String> configs = List.of();

  @Option(
      names = "--lr-high",
      paramLabel = "X",
      defaultValue = "0.1",
      description = "High learning rate (default: ${DEFAULT-VALUE}).")
  double lrHigh;

  @Option(
      names = "--lr-low",
      paramLabel = "X",
      defaultValue = "0.01",
      description = "Low learning rate (default: ${DEFAULT-VALUE}).")
  double lrLow;

  @Option(
      names = "--batch-small",
      paramLabel = "N",
      defaultValue = "32",
      description = "Small batch size (default: ${DEFAULT-VALUE}).")
  int batchSmall;

  @Option(
      names = "--batch-large",
      paramLabel = "N",
      defaultValue = "1024",
      description = "Large batch size (default: ${DEFAULT-VALUE}).")
  int batchLarge;

  @Option(
      names = "--hidden",
      paramLabel = "W,...",
      split = ",",
      defaultValue = "128,64",
      description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
  List<Integer> hidden;

  @Option(
      names = "--init",
      paramLabel = "he|glorot",
      defaultValue = "he",
      description = "Weight initialization (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(
      names = "--schedule",
      paramLabel = "constant|warmup-cosine",
      defaultValue = "constant",
      description =
          "Learning-rate schedule (default: ${DEFAULT-VALUE}; warmup-cosine warms up over 5%% of"
              + " the steps).")
  String schedule;

  @Option(
      names = "--momentum",
      paramLabel = "X",
      defaultValue = "0",
      description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = "--epochs", paramLabel = "N", description = "Train N epochs (default: 10).")
  Integer epochs;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Train N minibatch steps instead (equal steps for every config).")
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
      defaultValue = "200000",
      description = "Step cap for --target-loss (default: ${DEFAULT-VALUE}).")
  long maxSteps;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Training seed: initial weights and shuffles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeds",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "Train every config with K seeds (--seed, --seed+1, ...); test accuracy, gap and"
              + " sharpness are then reported as mean and 95%% interval over the seeds (default:"
              + " ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--retrain", description = "Ignore cached weights and train again.")
  boolean retrain;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Trained-weights cache (default: ~/.cache/loss-landscape/models).")
  Path cacheDir;
}
