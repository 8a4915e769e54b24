package org.losslandscape.models.landscape;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;

/**
 * The obvious evaluator: for every point, perturb the weights in Java and run one ordinary forward
 * pass. Slow; it is the reference the batched evaluators are tested and benchmarked against.
 */
public final class PointwiseLandscapeEvaluator implements LandscapeEvaluator {

  private final ExecutionSettings settings;

  public PointwiseLandscapeEvaluator(ExecutionSettings settings) {
    this.settings = settings;
  }

  @Override
  public LandscapeGrid evaluate(
      Parameters theta,
      DirectionPair directions,
      GridSpec grid,
      LabeledData samples,
      RowProgress progress) {
    double[] c = grid.coordinates();
    double[][] loss = new double[c.length][c.length];
    double[][] accuracy = new double[c.length][c.length];
    try (MlpEvaluator evaluator = new MlpEvaluator(theta.architecture(), settings)) {
      for (int i = 0; i < c.length; i++) {
        Parameters row = theta.plus(c[i], directions.d1());
        for (int j = 0; j < c.length; j++) {
          Metrics m = evaluator.evaluate(row.plus(c[j], directions.d2()), samples);
          loss[i][j] = m.loss();
          accuracy[i][j] = m.accuracy();
        }
        progress.rowDone(i + 1, c.length);
      }
    }
    return new LandscapeGrid(grid, loss, accuracy, samples.count());
  }
}
