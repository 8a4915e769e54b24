package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * Every model of the fixture task, built from PGDL's layer list and weights file and run through
 * this tool's TensorFlow graph, scores on the task's training shards exactly the training accuracy,
 * and to 1e-5 the training loss, that TensorFlow measured when it wrote the task.
 */
class PgdlNetworksTest {

  @Test
  void everyModelReproducesItsRecordedTrainingAccuracyAndLoss() {
    PgdlTask task = PgdlTask.read(PgdlFixture.taskFolder());
    PgdlDataset train = task.readTrainingData();
    assertThat(task.models()).hasSize(6);
    for (PgdlModel model : task.models()) {
      Parameters parameters = PgdlNetworks.read(model).toParameters("pgdl-" + model.id());
      try (MlpEvaluator evaluator =
          new MlpEvaluator(parameters.architecture(), ExecutionSettings.cpu())) {
        Metrics m = evaluator.evaluate(parameters, train.data());
        assertThat(m.accuracy()).as(model.id()).isEqualTo(model.spec().trainAccuracy());
        double recordedLoss =
            model.spec().metrics().stream()
                .filter(x -> x.name().equals("train_loss"))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(m.loss())
            .as(model.id())
            .isCloseTo(recordedLoss, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }
}
