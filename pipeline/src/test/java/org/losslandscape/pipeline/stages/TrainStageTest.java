package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.results.ModelFiles;

/**
 * {@link TrainStage} on the subset, 3 steps per model: what it trains, evaluates, writes and
 * caches, and that a second stage on the same cache takes the weights from it.
 */
class TrainStageTest {

  @TempDir Path tmp;

  @Test
  void trainsEveryRecipeInStudyOrderEvaluatesItAndWritesItsFiles() throws Exception {
    TinyStages.Study study = TinyStages.study();
    List<TrainedModel> models = study.models();

    assertThat(models).extracting(m -> m.run().recipe()).isEqualTo(TinyStages.RECIPES);
    ExecutionSettings execution = study.injector().getInstance(ExecutionSettings.class);
    for (TrainedModel m : models) {
      assertThat(m.training().status()).isEqualTo(TrainingStatus.COMPLETED);
      assertThat(m.training().steps()).isEqualTo(3);
      assertThat(m.fromCache()).isFalse();
      Parameters initial =
          study
              .settings()
              .training()
              .initialWeights(m.run(), study.data().inputShape(), study.data().classes());
      assertThat(m.training().parameters()).as("3 steps moved the weights").isNotEqualTo(initial);
      assertThat(m.training().parameters().architecture().toString()).isEqualTo("784-16-10");
      // The metrics are the evaluator's on the full sets.
      try (MlpEvaluator evaluator =
          new MlpEvaluator(m.training().parameters().architecture(), execution)) {
        Metrics test = evaluator.evaluate(m.training().parameters(), study.data().test());
        assertThat(m.test().loss()).isCloseTo(test.loss(), within(1e-9));
        assertThat(m.test().accuracy()).isCloseTo(test.accuracy(), within(1e-9));
      }
      assertThat(m.train().accuracy()).isBetween(0.0, 1.0);
      assertThat(m.generalizationGap()).isEqualTo(m.test().loss() - m.train().loss());

      Path dir = study.out().resolve(m.run().folder());
      assertThat(ModelFiles.read(dir)).isEqualTo(m.training().parameters());
      List<String> csv = Files.readAllLines(dir.resolve("training.csv"));
      assertThat(csv.get(0)).isEqualTo("epoch,step,loss,accuracy");
      assertThat(csv).hasSize(1 + m.training().curve().size());
    }
    assertThat(models.get(0).effectiveBatchSize()).isEqualTo(32);
    assertThat(models.get(1).effectiveBatchSize()).isEqualTo(1024);
  }

  @Test
  void aSecondStageOnTheSameCacheTakesTheWeightsFromItAndWritesThemAgain() throws Exception {
    TinyStages.Study study = TinyStages.study();
    // Another results folder, the study's cache.
    StudySettings settings = TinyStages.settings(tmp.resolve("out"), study.cache());

    List<TrainedModel> again =
        TinyStages.injector(settings).getInstance(TrainStage.class).run(study.data());

    for (int i = 0; i < again.size(); i++) {
      TrainedModel cached = again.get(i);
      TrainedModel trained = study.models().get(i);
      assertThat(cached.fromCache()).isTrue();
      assertThat(cached.training().parameters()).isEqualTo(trained.training().parameters());
      assertThat(cached.training().curve()).isEqualTo(trained.training().curve());
      assertThat(cached.test().loss()).isEqualTo(trained.test().loss());
      assertThat(ModelFiles.read(tmp.resolve("out").resolve(cached.run().folder())))
          .isEqualTo(trained.training().parameters());
    }
    try (Stream<Path> entries = Files.list(study.cache())) {
      assertThat(entries.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")))
          .hasSize(2);
    }
  }

  @Test
  void aDivergedRunIsKeptMarkedUnusableAndNotCached() throws Exception {
    StudySettings settings =
        TinyStages.settings(
            tmp.resolve("out"),
            tmp.resolve("cache"),
            "--configs",
            "high_lr_small_batch",
            "--lr-high",
            "1e4",
            "--steps",
            "10");

    List<TrainedModel> models =
        TinyStages.injector(settings).getInstance(TrainStage.class).run(TinyStages.study().data());

    assertThat(models).hasSize(1);
    TrainedModel m = models.get(0);
    assertThat(m.training().status()).isEqualTo(TrainingStatus.DIVERGED);
    assertThat(m.usable()).isFalse();
    assertThat(m.train()).isNull();
    try (Stream<Path> cached = Files.list(tmp.resolve("cache"))) {
      assertThat(cached.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")))
          .as("a diverged run is never cached")
          .isEmpty();
    } catch (java.nio.file.NoSuchFileException e) {
      // no cache folder at all: nothing was cached either
    }
  }
}
