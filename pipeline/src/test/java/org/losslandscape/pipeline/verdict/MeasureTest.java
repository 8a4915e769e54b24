package org.losslandscape.pipeline.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every measure's axis names its own unit: curvature and Keskar's phi are not loss increases. */
class MeasureTest {

  @Test
  void eachMeasureHasTheUnitOfItsValues() {
    assertThat(Measure.unitOf(Measure.lambdaMax().key())).isEqualTo("nats per unit² of weight");
    assertThat(Measure.unitOf(Measure.hessianTrace(30).key()))
        .isEqualTo("nats per unit² of weight");
    assertThat(Measure.unitOf(Measure.keskar(1e-3).key())).isEqualTo("% of 1 + L(w)");
    for (Measure m :
        new Measure[] {
          Measure.sliceSharpness(0.5, "filter"),
          Measure.sam(0.05),
          Measure.asam(0.5, 0.01),
          Measure.averageIsotropic(0.01),
          Measure.averageElementScaled(0.1)
        }) {
      assertThat(Measure.unitOf(m.key())).as(m.key()).isEqualTo("nats of loss increase");
    }
  }
}
