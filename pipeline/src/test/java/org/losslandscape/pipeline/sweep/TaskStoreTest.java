package org.losslandscape.pipeline.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.training.EpochRecord;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.sweep.SweepTaskResult.SharpnessValue;
import org.losslandscape.pipeline.sweep.SweepTaskResult.SliceValues;
import org.losslandscape.pipeline.sweep.SweepTaskResult.TrainingOutcome;

class TaskStoreTest {

  @TempDir Path out;

  static final SweepTask TASK = new SweepTask("lr0.1_b32", 0.1, 32, 43, 1);

  static SweepTaskResult result(String fingerprint) {
    double[][] loss = {
      {0.5, Double.POSITIVE_INFINITY, 0.4}, {Double.NaN, 0.1, 0.3}, {0.2, 0.25, Double.MIN_VALUE}
    };
    double[][] accuracy = {{0.9, 0.0, 0.8}, {0.5, 0.95, 0.7}, {0.6, 0.65, 1.0}};
    return new SweepTaskResult(
        TASK,
        fingerprint,
        "data-sha",
        "cpu",
        "sweep-task-1 on host (pid 1)",
        12.5,
        false,
        new TrainingOutcome(
            TrainingStatus.COMPLETED,
            94,
            1.0,
            3.25,
            "",
            false,
            32,
            List.of(new EpochRecord(1.0, 94, 0.61, 0.77))),
        new Metrics(0.6123456789012345, 0.77, 3000),
        new Metrics(0.7, 0.7, 1000),
        List.of(new SliceValues(loss, accuracy, 300, new double[] {0.3, Double.POSITIVE_INFINITY})),
        List.of(new SharpnessValue(0.5, 0.1 + 0.2), new SharpnessValue(1.0, Double.NaN)),
        null);
  }

  @Test
  void aStoredResultComesBackExactlyNonFiniteValuesIncluded() {
    TaskStore store = new TaskStore(out);
    SweepTaskResult written = result("abc");
    store.write(written);
    assertThat(store.fileOf(TASK)).isEqualTo(out.resolve("tasks/lr0.1_b32-seed43.json"));
    SweepTaskResult read = store.finished(TASK, "abc").orElseThrow();
    // Exact comparison, NaN equal to NaN: Double.compare, not AssertJ's default tolerance.
    assertThat(read)
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(written);
    assertThat(read.slices().get(0).loss()[1][0]).isNaN();
    assertThat(read.slices().get(0).loss()[0][1]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(read.slices().get(0).loss()[2][2]).isEqualTo(Double.MIN_VALUE);
    assertThat(read.train().loss()).isEqualTo(0.6123456789012345);
  }

  @Test
  void otherSettingsOrAnotherTaskOrAnUnreadableFileMeanNotFinished() throws Exception {
    TaskStore store = new TaskStore(out);
    assertThat(store.finished(TASK, "abc")).isEmpty();
    store.write(result("abc"));
    assertThat(store.finished(TASK, "other settings")).isEmpty();
    assertThat(store.finished(new SweepTask("lr0.1_b32", 0.1, 32, 43, 0), "abc")).isEmpty();
    Files.writeString(store.fileOf(TASK), "{ truncated");
    assertThat(store.finished(TASK, "abc")).isEmpty();
  }

  @Test
  void resumedMarksOnlyThatFlag() {
    SweepTaskResult r = result("abc");
    assertThat(r.asResumed().resumed()).isTrue();
    assertThat(r.asResumed()).usingRecursiveComparison().ignoringFields("resumed").isEqualTo(r);
  }
}
