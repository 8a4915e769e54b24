package org.losslandscape.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.training.Optimizer;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.results.Provenance;

/**
 * {@link ProvenanceRecorder}: what produced a model, as its {@code model.json} records it, for the
 * tiny study's first model.
 */
class ProvenanceRecorderTest {

  @Test
  void recordsTheRecipeTheDataTheSeedAndTheOutcomeOfARun() {
    TinyStages.Study study = TinyStages.study();
    TrainedModel model = study.models().get(0);
    ProvenanceRecorder recorder =
        new ProvenanceRecorder(
            study.settings().training(), study.injector().getInstance(DeviceChoice.class));

    Provenance p =
        recorder.of(
            model.run(),
            model.recipe(),
            model.effectiveBatchSize(),
            model.training(),
            study.data());

    assertThat(p.tool()).isEqualTo("loss-landscape");
    assertThat(p.device()).isEqualTo("cpu");
    assertThat(p.seed()).isEqualTo(model.run().seed());
    assertThat(p.recipe().name()).isEqualTo("high_lr_small_batch");
    assertThat(p.recipe().learningRate()).isEqualTo(model.recipe().learningRate());
    assertThat(p.recipe().effectiveBatchSize()).isEqualTo(32);
    assertThat(p.recipe().optimizer()).isEqualTo("sgd");
    assertThat(p.recipe().budget()).isEqualTo(study.settings().training().budget().describe());
    assertThat(p.data().sha256()).isEqualTo(study.data().fingerprint());
    assertThat(p.preprocessing().mean()).isEqualTo(study.data().standardization().mean());
    assertThat(p.status()).isEqualTo("completed");
    assertThat(p.steps()).isEqualTo(3);
    // The train stage wrote the same record into the model's folder.
    Path folder = study.out().resolve(model.run().folder());
    assertThat(ModelFiles.readProvenance(folder)).contains(p);
  }

  @Test
  void theOptimizerLabelSaysWhenMomentumIsOn() {
    assertThat(ProvenanceRecorder.optimizerLabel(Optimizer.sgd(), 0)).isEqualTo("sgd");
    assertThat(ProvenanceRecorder.optimizerLabel(Optimizer.sgd(), 0.9)).isEqualTo("sgd+momentum");
  }
}
