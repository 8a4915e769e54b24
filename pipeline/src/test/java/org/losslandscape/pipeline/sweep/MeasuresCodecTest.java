package org.losslandscape.pipeline.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.DataSplit;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.ProgressMode;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import org.losslandscape.pipeline.stages.MeasureStage;
import org.losslandscape.pipeline.stages.RunMeasures;
import org.losslandscape.pipeline.stages.WeightsToSlice;

/** A task's measures reach the merging machine as the very records the task computed. */
class MeasuresCodecTest {

  @TempDir Path out;

  @Test
  void everyMeasureComesBackEqual() {
    MlpArchitecture tiny = new MlpArchitecture(6, List.of(5), 3);
    Random random = new Random(3);
    int n = 40;
    float[] features = new float[n * 6];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < 6; j++) {
        features[i * 6 + j] = (float) random.nextGaussian();
      }
    }
    LandscapeSamples samples =
        LandscapeSamples.draw(DataSplit.TRAIN, new LabeledData(features, labels, 6), n, 7);
    MeasureStage stage =
        new MeasureStage(
            MeasureSettings.defaults()
                .withSelected(Measures.parse(List.of("all")))
                .withMSharpness(16),
            SliceSettings.defaults(),
            ExecutionSettings.cpu(),
            new OutputSettings(out, false, false, ProgressMode.LOG),
            org.losslandscape.models.tf.Lanes.one());
    RunMeasures measured =
        stage
            .run(
                List.of(
                    new WeightsToSlice(
                        new RunId("lr0.1_b32", 42, 0), Initialization.HE.initialize(tiny, 42))),
                samples)
            .get(0);
    assertThat(measured.results())
        .as("every measure beyond the slices")
        .hasSize(Measures.selectable().size());
    assertThat(measured.resultOf(Measures.WORST_CASE).orElseThrow().perBatch().sam().perBatch())
        .hasSize(2);

    RunMeasures back = MeasuresCodec.decode(MeasuresCodec.encode(measured));

    assertThat(back)
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(measured);
  }
}
