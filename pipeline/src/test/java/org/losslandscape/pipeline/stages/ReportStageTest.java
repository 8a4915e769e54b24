package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.summary.SummarySchema;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * {@link ReportStage} on the tiny study's results: the summary it writes is valid against {@code
 * results/summary.schema.json} and holds the study's own numbers.
 */
class ReportStageTest {

  @TempDir Path tmp;

  /**
   * Writes the tiny study's summary (and verdict) into {@code out}; returns the summary read back.
   */
  static JsonNode writeSummary(Path out, Map<String, Double> timings) {
    TinyStages.Study study = TinyStages.study();
    StudySettings s = study.settings();
    VerdictStage verdictStage =
        new VerdictStage(
            s.training(),
            s.slice(),
            s.measures(),
            TinyStages.output(s, out),
            Invocation.defaults());
    Verdict verdict =
        verdictStage.write(
            List.of(verdictStage.protocol(verdictStage.measurements(study.results()))));
    ReportStage stage =
        new ReportStage(
            s.training(),
            s.slice(),
            s.measures(),
            s.trajectory(),
            TinyStages.output(s, out),
            s.device(),
            study.injector().getInstance(ExecutionSettings.class),
            study.injector().getInstance(DeviceChoice.class));
    stage.write(study.results(), verdict, timings);
    return SummarySchema.assertValid(out.resolve("summary.json"));
  }

  @Test
  void theSummaryIsValidAndHoldsTheStudysOwnNumbers() {
    TinyStages.Study study = TinyStages.study();
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("train", 1.25);
    timings.put("landscape", 0.5);

    JsonNode summary = writeSummary(tmp, timings);

    assertThat(summary.path("format").asText()).isEqualTo("loss-landscape-summary");
    assertThat(summary.path("timings_seconds").path("train").asDouble()).isEqualTo(1.25);
    assertThat(summary.path("data").path("sha256").asText()).isEqualTo(study.data().fingerprint());
    assertThat(summary.path("device").asText()).isEqualTo("cpu");
    JsonNode configs = summary.path("configs");
    assertThat(configs).hasSize(2);
    for (int m = 0; m < 2; m++) {
      JsonNode c = configs.get(m);
      TrainedModel model = study.models().get(m);
      ModelLandscape landscape = study.landscapes().get(m);
      assertThat(c.path("name").asText()).isEqualTo(TinyStages.RECIPES.get(m));
      assertThat(c.path("status").asText()).isEqualTo("completed");
      assertThat(c.path("steps").asInt()).isEqualTo(3);
      assertThat(c.path("batch_size").asInt()).isEqualTo(model.effectiveBatchSize());
      assertThat(c.path("test_accuracy").asDouble()).isEqualTo(model.test().accuracy());
      assertThat(c.path("train_loss").asDouble()).isEqualTo(model.train().loss());
      assertThat(c.path("generalization_gap").asDouble()).isEqualTo(model.generalizationGap());
      JsonNode slice = c.path("landscape");
      assertThat(slice.path("grid_size").asInt()).isEqualTo(5);
      assertThat(slice.path("samples").asInt()).isEqualTo(60);
      assertThat(slice.path("center_loss").asDouble()).isEqualTo(landscape.primary().centreLoss());
      assertThat(c.path("sharpness").path("slice").path("1.0").asDouble())
          .isEqualTo(landscape.report().at(1.0).interval().mean());
      assertThat(c.path("sharpness").path("slice").path("0.5").asDouble())
          .isEqualTo(landscape.report().at(0.5).interval().mean());
    }
    assertThat(summary.path("orderings").has("0.5")).isTrue();
    assertThat(summary.path("orderings").has("1.0")).isTrue();
    assertThat(tmp.resolve("VERDICT.md")).isNotEmptyFile();
  }
}
