package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.measures.SliceMeasure;
import org.losslandscape.pipeline.verdict.Measure;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictRecords.ClaimTally;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * {@link VerdictStage}: which measures a study judges, the measurements it takes from a study's
 * results, and the verdict it writes for runs whose ordering is plain.
 */
class VerdictStageTest {

  @TempDir Path tmp;

  private static VerdictStage stage(StudySettings s, Path out) {
    return new VerdictStage(
        s.training(),
        s.slice(),
        s.measures(),
        TinyStages.output(s, out),
        new Invocation("loss-landscape --seeds 3"));
  }

  @Test
  void theMeasurementsOfAStudyAreItsRunsMetricsAndSliceSharpness() {
    TinyStages.Study study = TinyStages.study();
    VerdictStage stage = stage(study.settings(), tmp);

    assertThat(stage.measures())
        .containsExactly(SliceMeasure.at(0.5, "filter"), SliceMeasure.at(1.0, "filter"));
    List<RunMeasurements> runs = stage.measurements(study.results());

    assertThat(runs).hasSize(2);
    for (int m = 0; m < 2; m++) {
      RunMeasurements r = runs.get(m);
      TrainedModel model = study.models().get(m);
      ModelLandscape landscape = study.landscapes().get(m);
      assertThat(r.run()).isEqualTo(model.run());
      assertThat(r.trainLoss()).isEqualTo(model.train().loss());
      assertThat(r.testAccuracy()).isEqualTo(model.test().accuracy());
      assertThat(r.values())
          .containsEntry(
              SliceMeasure.at(1.0, "filter"), landscape.report().at(1.0).interval().mean())
          .hasSize(2);
    }
  }

  @Test
  void plainlyOrderedRunsSupportTheFirstTwoClaimsAndTheVerdictIsWritten() throws Exception {
    StudySettings s =
        TinyStages.settings(
            tmp.resolve("out"),
            tmp.resolve("cache"),
            "--configs",
            "high_lr_small_batch,high_lr_large_batch,low_lr_small_batch,low_lr_large_batch",
            "--seeds",
            "3");
    VerdictStage stage = stage(s, tmp.resolve("out"));
    // Three seeds per recipe; S(eps) far apart: high LR + small batch flattest, low + large
    // sharpest.
    Map<String, Double> level =
        Map.of(
            "high_lr_small_batch", 1.0,
            "high_lr_large_batch", 5.0,
            "low_lr_small_batch", 6.0,
            "low_lr_large_batch", 10.0);
    List<RunMeasurements> runs = new ArrayList<>();
    for (Recipe recipe : s.training().recipes()) {
      for (int seed = 0; seed < 3; seed++) {
        Map<Measure, Double> values = new LinkedHashMap<>();
        for (Measure measure : stage.measures()) {
          values.put(measure, level.get(recipe.name()) + 0.01 * seed);
        }
        double gap = 0.1 * level.get(recipe.name()) + 0.001 * seed;
        runs.add(
            new RunMeasurements(
                new RunId(recipe.name(), 42 + seed, seed),
                recipe,
                0.3,
                0.9,
                0.3 + gap,
                0.85,
                values));
      }
    }

    ProtocolVerdict protocol = stage.protocol(runs);
    Verdict verdict = stage.write(List.of(protocol));

    assertThat(protocol.budget()).isEqualTo(s.training().budget().describe());
    ClaimTally flattest = verdict.claims().get(0);
    ClaimTally sharpest = verdict.claims().get(1);
    assertThat(flattest.statement()).contains("flattest");
    assertThat(flattest.supported()).as("%s", flattest).isEqualTo(2);
    assertThat(sharpest.supported()).as("%s", sharpest).isEqualTo(2);
    assertThat(flattest.contradicted() + sharpest.contradicted()).isZero();
    String markdown = Files.readString(tmp.resolve("out/VERDICT.md"));
    assertThat(markdown)
        .startsWith("# Verdict")
        .contains("loss-landscape --seeds 3")
        .contains("| " + flattest.statement() + " | 2 | 0 |");
  }
}
