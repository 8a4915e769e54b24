package org.losslandscape.models.testing;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.mlp.MlpArchitecture;

/**
 * A second plain-Java MLP reference, in double precision throughout (also its parameters, unlike
 * {@link ReferenceMlp}, which stores them as floats): mean cross-entropy, its gradient by textbook
 * backpropagation, and the explicit Hessian as central differences of that analytic gradient.
 *
 * <p>Parameters are one flat vector laid out like {@code ParameterLayout}: per layer the kernel
 * {@code [in, out]} row-major (entry {@code i * out + j} feeds neuron {@code j} from input {@code
 * i}), then the bias.
 */
public final class DoubleMlp {

  private final MlpArchitecture architecture;
  private final LabeledData data;

  public DoubleMlp(MlpArchitecture architecture, LabeledData data) {
    this.architecture = architecture;
    this.data = data;
  }

  public int dimension() {
    return Math.toIntExact(architecture.parameterCount());
  }

  /** Mean cross-entropy at {@code theta}. */
  public double loss(double[] theta) {
    double total = 0;
    for (int row = 0; row < data.count(); row++) {
      double[][] z = forward(theta, row);
      double[] logits = z[z.length - 1];
      total += logSumExp(logits) - logits[data.labels()[row]];
    }
    return total / data.count();
  }

  /** Gradient of {@link #loss} by backpropagation. */
  public double[] gradient(double[] theta) {
    double[] grad = new double[theta.length];
    int layers = architecture.layerCount();
    int[] offsets = kernelOffsets();
    for (int row = 0; row < data.count(); row++) {
      double[][] z = forward(theta, row);
      // delta of the logits: softmax minus one-hot.
      double[] logits = z[layers];
      double lse = logSumExp(logits);
      double[] delta = new double[logits.length];
      for (int k = 0; k < logits.length; k++) {
        delta[k] = Math.exp(logits[k] - lse) - (k == data.labels()[row] ? 1 : 0);
      }
      for (int layer = layers - 1; layer >= 0; layer--) {
        int in = architecture.layerInput(layer);
        int out = architecture.layerOutput(layer);
        double[] input = activation(z, layer, row);
        int kernel = offsets[layer];
        int bias = kernel + in * out;
        for (int j = 0; j < out; j++) {
          grad[bias + j] += delta[j];
          for (int i = 0; i < in; i++) {
            grad[kernel + i * out + j] += input[i] * delta[j];
          }
        }
        if (layer > 0) {
          double[] previous = new double[in];
          for (int i = 0; i < in; i++) {
            double sum = 0;
            for (int j = 0; j < out; j++) {
              sum += theta[kernel + i * out + j] * delta[j];
            }
            previous[i] = z[layer][i] > 0 ? sum : 0; // z[layer] feeds this layer through a ReLU
          }
          delta = previous;
        }
      }
    }
    for (int k = 0; k < grad.length; k++) {
      grad[k] /= data.count();
    }
    return grad;
  }

  /**
   * The explicit Hessian: column {@code k} is {@code (g(theta + h e_k) - g(theta - h e_k)) / 2h} of
   * the analytic gradient, then symmetrized. Exact up to O(h^2) away from ReLU kinks.
   */
  public double[][] hessian(double[] theta, double h) {
    int n = theta.length;
    double[][] columns = new double[n][];
    for (int k = 0; k < n; k++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[k] += h;
      down[k] -= h;
      double[] gUp = gradient(up);
      double[] gDown = gradient(down);
      columns[k] = new double[n];
      for (int i = 0; i < n; i++) {
        columns[k][i] = (gUp[i] - gDown[i]) / (2 * h);
      }
    }
    double[][] hessian = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        hessian[i][j] = (columns[i][j] + columns[j][i]) / 2;
      }
    }
    return hessian;
  }

  /**
   * The smallest |pre-activation| of any hidden neuron on any sample: how far {@code theta} is from
   * a ReLU kink, where finite differences and double backpropagation may disagree.
   */
  public double distanceToKink(double[] theta) {
    double min = Double.POSITIVE_INFINITY;
    for (int row = 0; row < data.count(); row++) {
      double[][] z = forward(theta, row);
      for (int layer = 1; layer < architecture.layerCount(); layer++) {
        for (double v : z[layer]) {
          min = Math.min(min, Math.abs(v));
        }
      }
    }
    return min;
  }

  /**
   * Pre-activations of one sample: {@code z[0]} is the input, {@code z[l]} for {@code l >= 1} is
   * the output of dense layer {@code l - 1} before its ReLU; the last entry holds the logits.
   */
  private double[][] forward(double[] theta, int row) {
    int layers = architecture.layerCount();
    int[] offsets = kernelOffsets();
    double[][] z = new double[layers + 1][];
    z[0] = new double[data.featureSize()];
    for (int i = 0; i < z[0].length; i++) {
      z[0][i] = data.features()[row * data.featureSize() + i];
    }
    for (int layer = 0; layer < layers; layer++) {
      int in = architecture.layerInput(layer);
      int out = architecture.layerOutput(layer);
      double[] input = activation(z, layer, row);
      int kernel = offsets[layer];
      int bias = kernel + in * out;
      z[layer + 1] = new double[out];
      for (int j = 0; j < out; j++) {
        double sum = theta[bias + j];
        for (int i = 0; i < in; i++) {
          sum += input[i] * theta[kernel + i * out + j];
        }
        z[layer + 1][j] = sum;
      }
    }
    return z;
  }

  /** The input of dense layer {@code layer}: the raw features, or the ReLU of z[layer]. */
  private static double[] activation(double[][] z, int layer, int row) {
    if (layer == 0) {
      return z[0];
    }
    double[] a = new double[z[layer].length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.max(0, z[layer][i]);
    }
    return a;
  }

  private int[] kernelOffsets() {
    int[] offsets = new int[architecture.layerCount()];
    int offset = 0;
    for (int layer = 0; layer < offsets.length; layer++) {
      offsets[layer] = offset;
      offset += architecture.layerInput(layer) * architecture.layerOutput(layer);
      offset += architecture.layerOutput(layer);
    }
    return offsets;
  }

  private static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (double x : v) {
      sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }
}
