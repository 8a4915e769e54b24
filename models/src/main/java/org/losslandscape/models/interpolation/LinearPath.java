package org.losslandscape.models.interpolation;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.evaluation.Metrics;
import org.losslandscape.models.evaluation.MlpEvaluator;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.BatchNormMode;
import org.losslandscape.models.network.Network;

/**
 * The straight line through two sets of weights of one architecture, {@code theta(t) = (1 - t)
 * theta_a + t theta_b}: {@code theta_a} at t = 0, {@code theta_b} at t = 1, extrapolated beyond.
 *
 * @param start {@code theta_a}, the weights at t = 0
 * @param end {@code theta_b}, the weights at t = 1
 */
public record LinearPath(Parameters start, Parameters end) {

  public LinearPath {
    // The same network but for its stored statistics: equal tensor shapes alone would let, say, a
    // ReLU and a tanh network through, and the path would evaluate both with the first.
    if (!start.sameTensorsAs(end) || !start.architecture().sameArchitectureAs(end.architecture())) {
      throw new IllegalArgumentException(
          "cannot interpolate between a "
              + start.architecture()
              + " network and a "
              + end.architecture()
              + " network: the architectures differ");
    }
  }

  /**
   * The weights at {@code t}, entry by entry {@code (1 - t) a + t b} in double precision, rounded
   * once to float. At t = 0 this is {@code a} bit for bit and at t = 1 {@code b} (a product with 0
   * or 1 is exact), so the curve's ends are the two models' own losses.
   *
   * <p>Batch norm's stored statistics (when the network normalizes with them) move along the same
   * line between the ends, since a model with {@code b}'s weights but {@code a}'s statistics would
   * not be {@code b}, and stay at the nearer end's outside [0, 1]: extrapolated, a variance goes
   * negative as soon as one end's is 3 times the other's at t = -0.5 or 1.5, and batch norm's
   * square root gives NaN. (Statistics re-estimated at each t, as studies of linear mode
   * connectivity often do, are another choice.)
   */
  public Parameters at(double t) {
    List<Parameter> out = new ArrayList<>(start.tensors().size());
    for (int k = 0; k < start.tensors().size(); k++) {
      out.add(
          start
              .tensors()
              .get(k)
              .withValues(mix(start.tensors().get(k).values(), end.tensors().get(k).values(), t)));
    }
    Network network = start.architecture();
    if (!network.stateSpecs().isEmpty() && network.batchNormMode() == BatchNormMode.FROZEN) {
      double between = Math.min(1, Math.max(0, t));
      List<float[]> state = new ArrayList<>();
      for (int k = 0; k < network.state().size(); k++) {
        state.add(mix(network.state().get(k), end.architecture().state().get(k), between));
      }
      network = network.withState(state);
    }
    return new Parameters(network, out);
  }

  private static float[] mix(float[] a, float[] b, double t) {
    float[] mixed = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      mixed[i] = (float) ((1 - t) * a[i] + t * (double) b[i]);
    }
    return mixed;
  }

  /**
   * Loss and accuracy of {@code theta(t)} on {@code data} at each of {@code ts}, with {@code
   * evaluator} (the one that measured the models themselves, so the ends agree exactly).
   */
  public InterpolationCurve evaluate(MlpEvaluator evaluator, double[] ts, LabeledData data) {
    double[] loss = new double[ts.length];
    double[] accuracy = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      Metrics m = evaluator.evaluate(at(ts[i]), data);
      loss[i] = m.loss();
      accuracy[i] = m.accuracy();
    }
    return new InterpolationCurve(ts, loss, accuracy, data.count());
  }
}
