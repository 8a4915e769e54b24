package org.losslandscape.models.testing;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;

/**
 * The slow, obvious MLP in plain Java and double precision, the reference that every TensorFlow
 * kernel is tested against: loops for the forward pass, a numerically stable softmax cross-entropy,
 * and gradients by central finite differences.
 */
public final class ReferenceMlp {

  private ReferenceMlp() {}

  /** Logits of example {@code row} of {@code data}. */
  public static double[] logits(Parameters p, LabeledData data, int row) {
    MlpArchitecture a = (MlpArchitecture) p.architecture();
    double[] h = new double[data.featureSize()];
    for (int i = 0; i < h.length; i++) {
      h[i] = data.features()[row * data.featureSize() + i];
    }
    for (int layer = 0; layer < a.layerCount(); layer++) {
      Parameter w = p.kernel(layer);
      Parameter b = p.bias(layer);
      int in = a.layerInput(layer);
      int out = a.layerOutput(layer);
      double[] next = new double[out];
      for (int j = 0; j < out; j++) {
        double sum = b.values()[j];
        for (int i = 0; i < in; i++) {
          sum += h[i] * w.values()[i * out + j]; // [in, out]: neuron j is column j
        }
        next[j] = layer < a.layerCount() - 1 ? Math.max(0, sum) : sum;
      }
      h = next;
    }
    return h;
  }

  /** Mean cross-entropy over all examples. */
  public static double loss(Parameters p, LabeledData data) {
    double total = 0;
    for (int row = 0; row < data.count(); row++) {
      double[] z = logits(p, data, row);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v - max);
      }
      total += Math.log(sum) + max - z[data.labels()[row]];
    }
    return total / data.count();
  }

  /** Fraction of examples whose label logit is strictly larger than every other logit. */
  public static double accuracy(Parameters p, LabeledData data) {
    int correct = 0;
    for (int row = 0; row < data.count(); row++) {
      double[] z = logits(p, data, row);
      int label = data.labels()[row];
      boolean best = true;
      for (int k = 0; k < z.length; k++) {
        best &= k == label || z[label] > z[k];
      }
      correct += best ? 1 : 0;
    }
    return (double) correct / data.count();
  }

  /** Gradient of {@link #loss} by central differences with step {@code h}, one entry at a time. */
  public static double[][] gradient(Parameters p, LabeledData data, double h) {
    double[][] grad = new double[p.tensors().size()][];
    for (int t = 0; t < p.tensors().size(); t++) {
      float[] values = p.tensors().get(t).values();
      grad[t] = new double[values.length];
      for (int k = 0; k < values.length; k++) {
        float saved = values[k];
        values[k] = (float) (saved + h);
        double up = loss(p, data);
        values[k] = (float) (saved - h);
        double down = loss(p, data);
        values[k] = saved;
        grad[t][k] = (up - down) / (2 * h);
      }
    }
    return grad;
  }
}
