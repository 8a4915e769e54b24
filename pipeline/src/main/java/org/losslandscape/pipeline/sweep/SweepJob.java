package org.losslandscape.pipeline.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What every task of a sweep shares, shipped once to wherever the tasks run.
 *
 * @param settings the study's settings, with the TensorFlow threads each task may use
 * @param commandLine the command the sweep was started with, quoted in the task's reports
 */
public record SweepJob(PortableSettings settings, String commandLine) implements Serializable {

  private static final long serialVersionUID = 1L;

  public SweepJob {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(commandLine, "commandLine");
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
    String identity = settings.numericIdentity() + "|" + task;
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
