package org.losslandscape.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptimizerTest {

  @Test
  void namesParseToTheAuthorsDefaults() {
    assertThat(Optimizer.parse("sgd")).isEqualTo(Optimizer.sgd());
    assertThat(Optimizer.parse(" SAM ")).isEqualTo(Optimizer.sam(0.05));
    assertThat(Optimizer.parse("asam")).isEqualTo(Optimizer.asam(0.5, 0.01));
    assertThat(Optimizer.parse("asam").label()).isEqualTo("asam(rho=0.5,eta=0.01)");
    assertThat(Optimizer.sgd().label()).isEqualTo("sgd");
    assertThat(Optimizer.sgd().isSharpnessAware()).isFalse();
    assertThat(Optimizer.sam(0.1).isSharpnessAware()).isTrue();
    assertThatThrownBy(() -> Optimizer.parse("adam")).hasMessageContaining("sgd, sam or asam");
  }

  @Test
  void settingsThatMeanNothingOrCannotWorkAreRejected() {
    assertThatThrownBy(() -> new Optimizer(Optimizer.Kind.SGD, 0.05, 0))
        .hasMessageContaining("plain SGD has no perturbation radius");
    assertThatThrownBy(() -> Optimizer.sam(0)).hasMessageContaining("rho must be a positive");
    assertThatThrownBy(() -> Optimizer.sam(Double.NaN)).hasMessageContaining("rho");
    assertThatThrownBy(() -> new Optimizer(Optimizer.Kind.SAM, 0.05, 0.01))
        .hasMessageContaining("SAM has no eta");
    assertThatThrownBy(() -> Optimizer.asam(0.5, -0.01)).hasMessageContaining("eta must be >= 0");
  }

  @Test
  void aConfigDefaultsToPlainSgdAndKeepsTheOptimizerItIsGiven() {
    TrainingConfig config =
        new TrainingConfig(
            "c",
            0.1,
            32,
            0.9,
            LearningRateSchedule.constant(),
            new TrainingBudget.Epochs(1),
            1,
            TrainingConfig.DEFAULT_DIVERGENCE_LIMIT);
    assertThat(config.optimizer()).isEqualTo(Optimizer.sgd());
    TrainingConfig sam = config.withOptimizer(Optimizer.sam(0.05));
    assertThat(sam.optimizer()).isEqualTo(Optimizer.sam(0.05));
    assertThat(sam.momentum()).isEqualTo(0.9);
    assertThat(sam.withOptimizer(Optimizer.sgd())).isEqualTo(config);
    assertThatThrownBy(() -> config.withOptimizer(null))
        .hasMessageContaining("choose an optimizer");
  }
}
