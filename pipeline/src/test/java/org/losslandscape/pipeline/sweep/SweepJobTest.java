package org.losslandscape.pipeline.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.StudySettings;

class SweepJobTest {

  /**
   * Left to split the cores, concurrent tasks never ask for more threads than there are cores
   * (while there are at least as many cores as tasks), and each gets at least one.
   */
  @Property(tries = 500)
  void anEqualShareNeverOversubscribes(
      @ForAll @IntRange(min = 1, max = 256) int cores,
      @ForAll @IntRange(min = 1, max = 64) int concurrent) {
    int each = SweepJob.threadsPerTask(0, cores, concurrent);
    assertThat(each).isPositive();
    assertThat((long) each * concurrent).isLessThanOrEqualTo(Math.max(cores, concurrent));
    // ... and leaves fewer idle cores than there are tasks.
    assertThat(cores - (long) each * concurrent).isLessThan(Math.max(concurrent, 1));
  }

  @Test
  void theUsersThreadCountWins() {
    assertThat(SweepJob.threadsPerTask(3, 2, 2)).isEqualTo(3);
    assertThat(SweepJob.threadsPerTask(0, 2, 1)).isEqualTo(2);
    assertThat(SweepJob.threadsPerTask(0, 2, 2)).isEqualTo(1);
    assertThat(SweepJob.threadsPerTask(0, 8, 3)).isEqualTo(2);
  }

  @Test
  void theFingerprintFollowsTheNumbersNotTheOutputFolder() {
    StudySettings base = PortableSettingsTest.everythingChanged();
    SweepTask task = new SweepTask("lr0.2_b16", 0.2, 16, 7, 0);
    String fingerprint = job(base).fingerprint(task);
    assertThat(job(base).fingerprint(task)).isEqualTo(fingerprint);

    StudySettings elsewhere =
        new StudySettings(
            base.data(),
            base.device(),
            new OutputSettings(Path.of("/elsewhere"), true, false),
            new CacheSettings(Path.of("/other-cache"), false),
            base.training(),
            base.slice());
    assertThat(job(elsewhere).fingerprint(task)).isEqualTo(fingerprint);

    assertThat(job(base).fingerprint(new SweepTask("lr0.2_b16", 0.2, 16, 8, 1)))
        .isNotEqualTo(fingerprint);
    assertThat(new SweepJob(PortableSettings.of(base).withThreads(5), "sweep").fingerprint(task))
        .isNotEqualTo(fingerprint);
    StudySettings otherSlice =
        new StudySettings(
            base.data(),
            base.device(),
            base.output(),
            base.cache(),
            base.training(),
            org.losslandscape.pipeline.config.SliceSettings.defaults());
    assertThat(job(otherSlice).fingerprint(task)).isNotEqualTo(fingerprint);
  }

  private static SweepJob job(StudySettings settings) {
    return new SweepJob(PortableSettings.of(settings), "sweep");
  }
}
