package org.losslandscape.pipeline.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.training.LearningRateSchedule;
import org.losslandscape.models.training.TrainingBudget;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.SweepGrid;
import org.losslandscape.pipeline.config.TrainingSettings;

/**
 * The settings survive the trip to another machine: to plain values, through Java serialization.
 */
class PortableSettingsTest {

  /** Every component differs from its default, so a setting that is not carried fails. */
  static StudySettings everythingChanged() {
    return new StudySettings(
        new DataSettings(Optional.of(Path.of("/data/fashion"))),
        new DeviceSettings(DeviceRequest.CUDA, true, 3),
        new OutputSettings(Path.of("/shared/out"), false, true),
        new CacheSettings(Path.of("/shared/cache"), true),
        new TrainingSettings(
            new SweepGrid(List.of(0.2, 0.002), List.of(16, 512)).recipes(),
            new MlpArchitecture(784, List.of(32, 16), 10),
            Initialization.GLOROT,
            LearningRateSchedule.warmupCosine(0.05),
            0.9,
            new TrainingBudget.Steps(700),
            7,
            3),
        new SliceSettings(
            new GridSpec(11, -2, 2),
            Normalization.LAYER,
            true,
            500,
            DataSplit.TEST,
            9,
            2,
            List.of(0.3, 0.6)));
  }

  @Test
  void defaultsAndChangedSettingsComeBackEqual() {
    for (StudySettings s : List.of(StudySettings.defaults(), everythingChanged())) {
      assertThat(PortableSettings.of(s).toStudySettings()).isEqualTo(s);
    }
  }

  @Test
  void javaSerializationKeepsEveryValue() throws Exception {
    PortableSettings portable = PortableSettings.of(everythingChanged());
    assertThat(roundTrip(portable)).isEqualTo(portable);
    SweepJob job = new SweepJob(portable, "java -jar loss-landscape.jar sweep");
    assertThat(roundTrip(job)).isEqualTo(job);
    SweepTask task = new SweepTask("lr0.2_b16", 0.2, 16, 8, 1);
    assertThat(roundTrip(task)).isEqualTo(task);
  }

  @Property(tries = 50)
  void everyBudgetKindComesBack(@ForAll("budgets") TrainingBudget budget) {
    assertThat(PortableSettings.PortableBudget.of(budget).toBudget()).isEqualTo(budget);
  }

  @Provide
  Arbitrary<TrainingBudget> budgets() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 1000).map(TrainingBudget.Epochs::new),
        Arbitraries.longs().between(1, 1_000_000).map(TrainingBudget.Steps::new),
        Arbitraries.doubles()
            .between(1e-4, 10)
            .ofScale(6)
            .flatMap(
                loss ->
                    Arbitraries.longs()
                        .between(1, 1_000_000)
                        .map(cap -> new TrainingBudget.TargetLoss(loss, cap))));
  }

  @Test
  void threadsChangeOnlyTheThreads() {
    PortableSettings portable = PortableSettings.of(everythingChanged());
    StudySettings withOne = portable.withThreads(1).toStudySettings();
    assertThat(withOne.device().threads()).isEqualTo(1);
    assertThat(withOne.training()).isEqualTo(everythingChanged().training());
    assertThat(withOne.slice()).isEqualTo(everythingChanged().slice());
    assertThat(withOne.output()).isEqualTo(everythingChanged().output());
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
