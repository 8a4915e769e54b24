package org.losslandscape.pipeline.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Translates the domain's error messages ("grid size must be an odd integer >= 3, got 4") into the
 * user's terms, once, by naming the flag that set the value: "--grid-size: grid size must be ...".
 * The models and settings never mention flags; this table is the only place that knows which flag
 * feeds which quantity.
 */
final class FlagNames {

  private FlagNames() {}

  /**
   * A quantity's name at the start of a message (after an optional {@code recipe: } prefix), and
   * the flag that sets it.
   */
  private record Subject(Pattern message, String flag) {}

  private static final List<Subject> SUBJECTS =
      List.of(
          subject("high_lr_[A-Za-z_]*: learning rate", "--lr-high"),
          subject("low_lr_[A-Za-z_]*: learning rate", "--lr-low"),
          subject("[A-Za-z_]*_small_batch: batch size", "--batch-small"),
          subject("[A-Za-z_]*_large_batch: batch size", "--batch-large"),
          subject("([A-Za-z0-9_.-]+: )?momentum", "--momentum"),
          subject("grid size", "--grid-size"),
          subject("m-sharpness batch size", "--m-sharpness"),
          subject("grid range", "--range"),
          subject("the number of epochs", "--epochs"),
          subject("the number of steps", "--steps"),
          subject("the target loss", "--target-loss"),
          subject("the step cap", "--max-steps"),
          subject("([A-Za-z0-9_.-]+: )?the warmup-cosine schedule", "--schedule"),
          subject("unknown schedule", "--schedule"),
          subject("warmup fraction", "--schedule"),
          subject("unknown initialization", "--init"),
          subject("hidden layer widths", "--hidden"),
          subject("an MLP needs", "--hidden"),
          subject("(at least one )?sharpness radi", "--eps"),
          subject("landscape samples", "--landscape-samples"),
          subject("unknown split", "--landscape-split"),
          subject("unknown array layout", "--data-layout"),
          subject("npy data files", "--data-npy"),
          subject("direction pairs", "--direction-pairs"),
          subject("unknown normalization", "--normalization"),
          subject("seeds per recipe", "--seeds"),
          subject("unknown recipe", "--configs"),
          subject("recipe name", "--configs"),
          subject("the thread count", "--threads"),
          subject("unknown device", "--device"),
          subject("a GPU cannot be required", "--require-gpu"),
          subject("a GPU is required", "--require-gpu"),
          subject("the slices need", "--grid-size"),
          subject("the network needs", "--hidden"),
          subject("the data set and the tool need", "-Xmx"),
          subject("benchmark samples", "--samples"),
          subject("benchmark repeats", "--repeats"),
          subject("unknown evaluator", "--evaluators"),
          subject("(a sweep needs at least one learning rate|sweep learning rates)", "--lrs"),
          subject("(a sweep needs at least one batch size|sweep batch sizes)", "--batches"),
          subject("concurrent sweep tasks", "--parallel"),
          subject("sweep widths", "--widths"),
          subject("sweep depths", "--depths"),
          subject("sweep weight decays", "--weight-decays"),
          subject("sweep dropout rates", "--dropouts"),
          subject("sweep momenta", "--momenta"),
          subject("sweep optimizers", "--optimizers"),
          subject("sweep training-set sizes", "--train-sizes"),
          subject("(the Spark master URL|no Spark master)", "--master"),
          subject("unknown measure", "--measures"),
          subject("unknown bias rule", "--bias-rule"),
          subject("unknown optimizer", "--optimizer"),
          subject("(SAM|ASAM) perturbation radius", "--rho"),
          subject("ASAM's eta", "--asam-eta"),
          subject("unknown protocol", "--protocols"),
          subject("steps per run", "--steps-per-run"),
          subject("training lanes", "--lanes"),
          subject("the stack size", "--max-stack"),
          subject("trajectory checkpoints", "--checkpoints"),
          subject("interpolation range", "--interpolation-range"),
          subject("interpolation points", "--interpolation-points"),
          subject("(an )?interpolation pair", "--interpolation-pairs"),
          subject("unknown progress display", "--progress"));

  private static Subject subject(String regex, String flag) {
    return new Subject(Pattern.compile("^(" + regex + ")"), flag);
  }

  /** {@code message} prefixed with the flag it is about, or unchanged when none matches. */
  static String translate(String message) {
    for (Subject s : SUBJECTS) {
      if (s.message().matcher(message).find()) {
        return s.flag() + ": " + message;
      }
    }
    return message;
  }

  /** The tool's own flags in the table (not the JVM's), for the test that each is an option. */
  static List<String> flags() {
    return SUBJECTS.stream().map(Subject::flag).filter(f -> f.startsWith("--")).distinct().toList();
  }
}
