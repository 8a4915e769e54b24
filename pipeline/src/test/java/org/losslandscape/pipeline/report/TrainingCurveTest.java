package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.io.ResultsException;

class TrainingCurveTest {

  @Test
  void readsTheRowsTheStudyWrites() {
    TrainingCurve c =
        TrainingCurve.parse(
            List.of(
                "epoch,step,loss,accuracy",
                "1.0000,94,0.636300,0.745700",
                "2.0000,188,NaN,0.1",
                ""),
            "training.csv");
    assertThat(c.rows()).isEqualTo(2);
    assertThat(c.epoch()).containsExactly(1.0, 2.0);
    assertThat(c.step()).containsExactly(94L, 188L);
    assertThat(c.loss()[0]).isEqualTo(0.6363);
    assertThat(c.loss()[1]).isNaN();
    assertThat(c.accuracy()).containsExactly(0.7457, 0.1);
  }

  @Test
  void aFileThatIsNotATrainingCurveIsAOneLineError() {
    assertThatThrownBy(() -> TrainingCurve.parse(List.of("a,b"), "x/training.csv"))
        .isInstanceOf(ResultsException.class)
        .hasMessage("x/training.csv: expected the header 'epoch,step,loss,accuracy' on line 1");
    assertThatThrownBy(
            () -> TrainingCurve.parse(List.of(TrainingCurve.HEADER, "1,2,3"), "training.csv"))
        .hasMessage("training.csv: row 1 has 3 columns, expected 4");
    assertThatThrownBy(
            () -> TrainingCurve.parse(List.of(TrainingCurve.HEADER, "1,x,3,4"), "training.csv"))
        .hasMessage("training.csv: row 1 is not numbers (1,x,3,4)");
  }
}
