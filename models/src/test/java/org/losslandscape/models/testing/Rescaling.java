package org.losslandscape.models.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;

/**
 * ReLU rescalings (Dinh et al. 2017), which leave the network's function unchanged: a hidden
 * neuron's incoming weights (a column of its kernel) and its bias times {@code c > 0}, its outgoing
 * weights (a row of the next kernel) times {@code 1/c}.
 */
public final class Rescaling {

  private Rescaling() {}

  /** Each hidden neuron of every hidden layer gets its own factor from {@code factors}. */
  public static Parameters perNeuron(Parameters p, double[][] factors) {
    MlpArchitecture a = (MlpArchitecture) p.architecture();
    List<Parameter> out = new ArrayList<>(p.tensors());
    for (int layer = 0; layer < a.hidden().size(); layer++) {
      double[] c = factors[layer];
      int in = a.layerInput(layer);
      int width = a.layerOutput(layer);
      int next = a.layerOutput(layer + 1);
      float[] kernel = out.get(2 * layer).values().clone();
      float[] bias = out.get(2 * layer + 1).values().clone();
      float[] outgoing = out.get(2 * layer + 2).values().clone();
      for (int j = 0; j < width; j++) {
        for (int i = 0; i < in; i++) {
          kernel[i * width + j] = (float) (kernel[i * width + j] * c[j]); // column j: incoming
        }
        bias[j] = (float) (bias[j] * c[j]);
        for (int k = 0; k < next; k++) {
          outgoing[j * next + k] = (float) (outgoing[j * next + k] / c[j]); // row j: outgoing
        }
      }
      out.set(2 * layer, out.get(2 * layer).withValues(kernel));
      out.set(2 * layer + 1, out.get(2 * layer + 1).withValues(bias));
      out.set(2 * layer + 2, out.get(2 * layer + 2).withValues(outgoing));
    }
    return new Parameters(a, out);
  }

  /** One factor for every neuron of hidden layer {@code layer}, 1 elsewhere. */
  public static Parameters wholeLayer(Parameters p, int layer, double c) {
    double[][] factors = ones((MlpArchitecture) p.architecture());
    java.util.Arrays.fill(factors[layer], c);
    return perNeuron(p, factors);
  }

  /** Factors log-uniform in {@code [1/spread, spread]}, one per hidden neuron. */
  public static double[][] randomFactors(MlpArchitecture a, double spread, Random random) {
    double[][] factors = ones(a);
    for (double[] layer : factors) {
      for (int j = 0; j < layer.length; j++) {
        layer[j] = Math.exp((2 * random.nextDouble() - 1) * Math.log(spread));
      }
    }
    return factors;
  }

  private static double[][] ones(MlpArchitecture a) {
    double[][] factors = new double[a.hidden().size()][];
    for (int layer = 0; layer < factors.length; layer++) {
      factors[layer] = new double[a.hidden().get(layer)];
      java.util.Arrays.fill(factors[layer], 1);
    }
    return factors;
  }
}
