package org.losslandscape.pipeline.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.ProgressMode;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;

class SweepJobTest {

  /**
   * Left to split the cores, concurrent tasks never ask for more threads than there are cores
   * (while there are at least as many cores as tasks), each gets at least one, and fewer cores than
   * tasks are left idle.
   */
  @Property(tries = 500)
  void anEqualShareNeverOversubscribes(
      @ForAll @IntRange(min = 1, max = 256) int cores,
      @ForAll @IntRange(min = 1, max = 64) int concurrent) {
    int each = SweepJob.threadsPerTask(0, cores, concurrent);
    assertThat(each).isPositive();
    assertThat((long) each * concurrent).isLessThanOrEqualTo(Math.max(cores, concurrent));
    assertThat(cores - (long) each * concurrent).isLessThan(concurrent);
  }

  @Test
  void theUsersThreadCountWins() {
    assertThat(SweepJob.threadsPerTask(3, 2, 2)).isEqualTo(3);
    assertThat(SweepJob.threadsPerTask(0, 2, 1)).isEqualTo(2);
    assertThat(SweepJob.threadsPerTask(0, 2, 2)).isEqualTo(1);
    assertThat(SweepJob.threadsPerTask(0, 8, 3)).isEqualTo(2);
  }

  @Test
  void theFingerprintFollowsTheNumbersNotWhereResultsGo() {
    StudySettings base = StudySettings.defaults();
    SweepTask task = new SweepTask("lr0.1_b32", 0.1, 32, 42, 0);
    String fingerprint = SweepJob.fingerprint(base, task);
    assertThat(SweepJob.fingerprint(StudySettings.defaults(), task)).isEqualTo(fingerprint);

    StudySettings elsewhere =
        new StudySettings(
            base.data(),
            base.device(),
            new OutputSettings(Path.of("/elsewhere"), false, true, ProgressMode.LOG),
            new CacheSettings(Path.of("/other-cache"), true),
            base.training(),
            base.slice(),
            base.measures());
    assertThat(SweepJob.fingerprint(elsewhere, task)).isEqualTo(fingerprint);

    assertThat(SweepJob.fingerprint(base, new SweepTask("lr0.1_b32", 0.1, 32, 43, 1)))
        .isNotEqualTo(fingerprint);
    StudySettings otherThreads =
        new StudySettings(
            base.data(),
            base.device().withThreads(5),
            base.output(),
            base.cache(),
            base.training(),
            base.slice(),
            base.measures());
    assertThat(SweepJob.fingerprint(otherThreads, task)).isNotEqualTo(fingerprint);
    SliceSettings s = base.slice();
    StudySettings otherSeed =
        new StudySettings(
            base.data(),
            base.device(),
            base.output(),
            base.cache(),
            base.training(),
            new SliceSettings(
                s.grid(),
                s.normalization(),
                s.biasRule(),
                s.samples(),
                s.split(),
                s.directionSeed() + 1,
                s.directionPairs(),
                s.radii()),
            base.measures());
    assertThat(SweepJob.fingerprint(otherSeed, task)).isNotEqualTo(fingerprint);
  }

  /** Jobs, tasks and results cross to Spark executors by Java serialization. */
  @Test
  void jobsTasksAndResultsSurviveJavaSerialization() throws Exception {
    SweepJob job =
        new SweepJob(
            List.of("--lrs", "0.1", "--out", "/o"),
            "loss-landscape sweep",
            DefaultsParser.INSTANCE);
    assertThat(roundTrip(job)).isEqualTo(job);
    SweepTask task = new SweepTask("lr0.2_b16", 0.2, 16, 8, 1);
    assertThat(roundTrip(task)).isEqualTo(task);
    SweepTaskResult result = TaskStoreTest.result("abc");
    assertThat(roundTrip(result))
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(result);
  }

  /** A job reads its settings through the parser it was given. */
  @Test
  void aJobReadsItsSettingsThroughItsParser() {
    SweepJob job = new SweepJob(List.of("--lrs", "0.1"), "sweep", DefaultsParser.INSTANCE);
    assertThat(job.settings()).isEqualTo(StudySettings.defaults());
  }

  /** The defaults whatever the arguments: the sweep's own tests need no command line. */
  private enum DefaultsParser implements SweepJob.Parser {
    INSTANCE;

    @Override
    public StudySettings settings(List<String> arguments) {
      return StudySettings.defaults();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
