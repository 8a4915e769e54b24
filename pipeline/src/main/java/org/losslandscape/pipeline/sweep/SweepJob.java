package org.losslandscape.pipeline.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.losslandscape.pipeline.config.StudySettings;

/**
 * What every task of a sweep shares, shipped once to wherever the tasks run: the sweep's own
 * command-line arguments, with absolute folders and the TensorFlow threads of each task written in,
 * and the parser that reads them. A task parses them exactly as the sweep command did, so every
 * setting the command knows, now or later, reaches the task without a second description of the
 * settings to keep in step.
 *
 * @param arguments the sweep command's arguments, with the task-side folders and threads
 * @param commandLine the command the sweep was started with, quoted in the task's reports
 * @param parser reads {@code arguments} into settings as the sweep command does
 */
public record SweepJob(List<String> arguments, String commandLine, Parser parser)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  /**
   * Reads a sweep's arguments into its settings. The command line owns the parser and hands it to
   * the job, so the sweep (below the command line) never depends on it; it travels with the job to
   * the executors, hence serializable (an enum constant is the safe kind).
   */
  @FunctionalInterface
  public interface Parser extends Serializable {
    /** The study settings {@code arguments} stand for. */
    StudySettings settings(List<String> arguments);
  }

  public SweepJob {
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(commandLine, "commandLine");
    Objects.requireNonNull(parser, "parser");
  }

  /** The settings every task runs with. */
  public StudySettings settings() {
    return parser.settings(arguments);
  }

  /**
   * TensorFlow intra-op threads for each of {@code concurrent} tasks sharing {@code cores} cores:
   * {@code requested} when the user chose (> 0), else an equal share of the cores, at least one.
   * The shares never add up to more than the cores while there are at least as many cores as tasks,
   * so concurrent tasks do not oversubscribe the machine.
   */
  public static int threadsPerTask(int requested, int cores, int concurrent) {
    if (cores < 1 || concurrent < 1 || requested < 0) {
      throw new IllegalArgumentException(
          "need cores >= 1, concurrent tasks >= 1 and requested threads >= 0, got "
              + cores
              + ", "
              + concurrent
              + ", "
              + requested);
    }
    return requested > 0 ? requested : Math.max(1, cores / concurrent);
  }

  /**
   * A hash of everything that decides {@code task}'s numbers: a finished task whose stored
   * fingerprint differs was computed under other settings and is run again.
   */
  public String fingerprint(SweepTask task) {
    return fingerprint(settings(), task);
  }

  /**
   * The fingerprint of {@code task} under {@code settings}: the settings less where results go,
   * whether figures are drawn and whether caches are ignored (none of which changes a number),
   * written out by the settings records themselves.
   */
  static String fingerprint(StudySettings settings, SweepTask task) {
    String identity =
        String.join(
            "|",
            settings.data().toString(),
            settings.device().request().name(),
            Integer.toString(settings.device().threads()),
            settings.training().toString(),
            settings.slice().toString(),
            settings.measures().toString(),
            task.toString());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(identity.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
