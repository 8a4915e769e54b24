package org.losslandscape.pipeline.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.network.Padding;

/**
 * A slow, obvious forward pass of a {@link NetworkSpec} in plain Java doubles, in inference mode
 * (batch norm on its moving statistics, dropout off): the yardstick the Keras import and the
 * TensorFlow graph builder are checked against. Every loop is written out; nothing is clever.
 *
 * <p>Conventions (those of TensorFlow and Keras): activations are NHWC, kernels HWIO ({@code [kh,
 * kw, in, out]}), dense kernels {@code [in, out]} on the input flattened in h, w, c order. SAME
 * padding has {@code ceil(in / stride)} outputs and pads {@code total = max((out - 1) * stride + k
 * - in, 0)} cells, {@code total / 2} before and the rest after; SAME pooling ignores padded cells
 * (a max over the real cells, an average divided by their count).
 *
 * <p>Tensors are looked up by LayerSpec's names: the layer's name when it has one, else its kind
 * ({@code dense}, {@code conv}, {@code bn}) and a counter per kind over every layer of that kind in
 * walking order (depth first, residual body before shortcut, shortcuts counted even when {@code
 * skip} is false so that dropping a skip does not rename anything).
 */
final class ReferenceForward {

  private final NetworkSpec spec;
  private final InputShape input;
  private final Map<String, Parameter> tensors = new HashMap<>();
  private final Map<LayerSpec, String> names = new java.util.IdentityHashMap<>();

  ReferenceForward(NetworkSpec spec, InputShape input, List<Parameter> tensors) {
    this.spec = spec;
    this.input = input;
    for (Parameter p : tensors) {
      this.tensors.put(p.name(), p);
    }
    assignNames(spec.layers(), new HashMap<>());
  }

  /** The name LayerSpec's convention gives {@code layer} (which must be a layer of the spec). */
  String nameOf(LayerSpec layer) {
    return names.get(layer);
  }

  private void assignNames(List<LayerSpec> layers, Map<String, Integer> counters) {
    for (LayerSpec layer : layers) {
      String kind = null;
      if (layer instanceof LayerSpec.Dense) {
        kind = "dense";
      } else if (layer instanceof LayerSpec.Conv2d) {
        kind = "conv";
      } else if (layer instanceof LayerSpec.BatchNorm) {
        kind = "bn";
      }
      if (kind != null) {
        int index = counters.merge(kind, 1, Integer::sum) - 1;
        names.put(layer, layer.name() != null ? layer.name() : kind + index);
      }
      if (layer instanceof LayerSpec.Residual r) {
        assignNames(r.body(), counters);
        assignNames(r.shortcut(), counters);
      }
    }
  }

  /** One activation tensor: {@code height x width x channels} values in h, w, c order. */
  record Activations(int height, int width, int channels, double[] values) {
    double at(int y, int x, int c) {
      return values[(y * width + x) * channels + c];
    }
  }

  /** The logits of one example given as its {@code input.size()} values in h, w, c order. */
  double[] logits(float[] example) {
    if (example.length != input.size()) {
      throw new IllegalArgumentException(
          "example has " + example.length + " values, the input shape " + input + " needs more");
    }
    double[] values = new double[example.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = example[i];
    }
    Activations out =
        run(
            spec.layers(),
            new Activations(input.height(), input.width(), input.channels(), values));
    return out.values();
  }

  private Activations run(List<LayerSpec> layers, Activations x) {
    for (LayerSpec layer : layers) {
      x = apply(layer, x);
    }
    return x;
  }

  private Activations apply(LayerSpec layer, Activations x) {
    if (layer instanceof LayerSpec.Dense d) {
      return dense(d, x);
    } else if (layer instanceof LayerSpec.Conv2d c) {
      return conv(c, x);
    } else if (layer instanceof LayerSpec.Pool2d p) {
      return pool(p, x);
    } else if (layer instanceof LayerSpec.GlobalAveragePool) {
      return globalAverage(x);
    } else if (layer instanceof LayerSpec.BatchNorm b) {
      return batchNorm(b, x);
    } else if (layer instanceof LayerSpec.Act a) {
      return activation(a, x);
    } else if (layer instanceof LayerSpec.Dropout) {
      return x; // inference: dropout is the identity
    } else if (layer instanceof LayerSpec.Flatten) {
      return new Activations(1, 1, x.values().length, x.values());
    } else if (layer instanceof LayerSpec.Residual r) {
      return residual(r, x);
    } else if (layer instanceof LayerSpec.ZeroPad2d z) {
      return zeroPad(z, x);
    }
    throw new IllegalArgumentException("unknown layer " + layer);
  }

  /** Zeros around the image: {@code top} rows above, {@code left} columns before, and so on. */
  private static Activations zeroPad(LayerSpec.ZeroPad2d p, Activations x) {
    int height = x.height() + p.top() + p.bottom();
    int width = x.width() + p.left() + p.right();
    int channels = x.channels();
    double[] out = new double[height * width * channels];
    for (int y = 0; y < x.height(); y++) {
      for (int col = 0; col < x.width(); col++) {
        for (int c = 0; c < channels; c++) {
          out[((y + p.top()) * width + col + p.left()) * channels + c] = x.at(y, col, c);
        }
      }
    }
    return new Activations(height, width, channels, out);
  }

  private Activations dense(LayerSpec.Dense layer, Activations x) {
    String name = names.get(layer);
    double[] in = x.values();
    float[] kernel = tensor(name + ".kernel", in.length, layer.units());
    double[] out = new double[layer.units()];
    for (int j = 0; j < layer.units(); j++) {
      double sum = layer.useBias() ? tensor(name + ".bias", layer.units())[j] : 0;
      for (int i = 0; i < in.length; i++) {
        sum += in[i] * kernel[i * layer.units() + j];
      }
      out[j] = sum;
    }
    return new Activations(1, 1, layer.units(), out);
  }

  private Activations conv(LayerSpec.Conv2d layer, Activations x) {
    String name = names.get(layer);
    int kh = layer.kernelHeight();
    int kw = layer.kernelWidth();
    int cin = x.channels();
    int cout = layer.filters();
    float[] kernel = tensor(name + ".kernel", kh, kw, cin, cout);
    float[] bias = layer.useBias() ? tensor(name + ".bias", cout) : new float[cout];
    Window rows = new Window(x.height(), kh, layer.strideHeight(), layer.padding());
    Window cols = new Window(x.width(), kw, layer.strideWidth(), layer.padding());
    double[] out = new double[rows.out * cols.out * cout];
    for (int oy = 0; oy < rows.out; oy++) {
      for (int ox = 0; ox < cols.out; ox++) {
        for (int f = 0; f < cout; f++) {
          double sum = bias[f];
          for (int dy = 0; dy < kh; dy++) {
            int y = rows.start(oy) + dy;
            if (y < 0 || y >= x.height()) {
              continue; // a zero-padded cell
            }
            for (int dx = 0; dx < kw; dx++) {
              int xx = cols.start(ox) + dx;
              if (xx < 0 || xx >= x.width()) {
                continue;
              }
              for (int c = 0; c < cin; c++) {
                sum += x.at(y, xx, c) * kernel[((dy * kw + dx) * cin + c) * cout + f];
              }
            }
          }
          out[(oy * cols.out + ox) * cout + f] = sum;
        }
      }
    }
    return new Activations(rows.out, cols.out, cout, out);
  }

  private Activations pool(LayerSpec.Pool2d layer, Activations x) {
    Window rows = new Window(x.height(), layer.size(), layer.stride(), layer.padding());
    Window cols = new Window(x.width(), layer.size(), layer.stride(), layer.padding());
    int channels = x.channels();
    double[] out = new double[rows.out * cols.out * channels];
    for (int oy = 0; oy < rows.out; oy++) {
      for (int ox = 0; ox < cols.out; ox++) {
        for (int c = 0; c < channels; c++) {
          double max = Double.NEGATIVE_INFINITY;
          double sum = 0;
          int count = 0;
          for (int dy = 0; dy < layer.size(); dy++) {
            for (int dx = 0; dx < layer.size(); dx++) {
              int y = rows.start(oy) + dy;
              int xx = cols.start(ox) + dx;
              if (y < 0 || y >= x.height() || xx < 0 || xx >= x.width()) {
                continue; // padding takes no part in a pooled value
              }
              double v = x.at(y, xx, c);
              max = Math.max(max, v);
              sum += v;
              count++;
            }
          }
          out[(oy * cols.out + ox) * channels + c] =
              layer.kind() == LayerSpec.PoolKind.MAX ? max : sum / count;
        }
      }
    }
    return new Activations(rows.out, cols.out, channels, out);
  }

  private static Activations globalAverage(Activations x) {
    double[] out = new double[x.channels()];
    for (int y = 0; y < x.height(); y++) {
      for (int xx = 0; xx < x.width(); xx++) {
        for (int c = 0; c < x.channels(); c++) {
          out[c] += x.at(y, xx, c);
        }
      }
    }
    for (int c = 0; c < out.length; c++) {
      out[c] /= x.height() * x.width();
    }
    return new Activations(1, 1, x.channels(), out);
  }

  private Activations batchNorm(LayerSpec.BatchNorm layer, Activations x) {
    String name = names.get(layer);
    int channels = x.channels();
    float[] mean = tensor(name + ".moving_mean", channels);
    float[] variance = tensor(name + ".moving_variance", channels);
    float[] gamma = layer.scale() ? tensor(name + ".gamma", channels) : null;
    float[] beta = layer.center() ? tensor(name + ".beta", channels) : null;
    double[] out = new double[x.values().length];
    for (int i = 0; i < out.length; i++) {
      int c = i % channels;
      double normalized = (x.values()[i] - mean[c]) / Math.sqrt(variance[c] + layer.epsilon());
      out[i] = (gamma == null ? 1 : gamma[c]) * normalized + (beta == null ? 0 : beta[c]);
    }
    return new Activations(x.height(), x.width(), channels, out);
  }

  private static Activations activation(LayerSpec.Act layer, Activations x) {
    double[] out = new double[x.values().length];
    for (int i = 0; i < out.length; i++) {
      double v = x.values()[i];
      out[i] =
          switch (layer.activation()) {
            case RELU -> Math.max(v, 0);
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case ELU -> v > 0 ? v : Math.expm1(v);
            case SOFTPLUS -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
            case LINEAR -> v;
          };
    }
    return new Activations(x.height(), x.width(), x.channels(), out);
  }

  private Activations residual(LayerSpec.Residual layer, Activations x) {
    Activations body = run(layer.body(), x);
    if (!layer.skip()) {
      return body;
    }
    Activations shortcut = run(layer.shortcut(), x);
    if (body.values().length != shortcut.values().length) {
      throw new IllegalArgumentException("residual branches differ in size");
    }
    double[] out = new double[body.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = body.values()[i] + shortcut.values()[i];
    }
    return new Activations(body.height(), body.width(), body.channels(), out);
  }

  /** Output positions and the first input position of each window along one axis. */
  private static final class Window {
    final int out;
    final int padBefore;
    final int stride;

    Window(int in, int size, int stride, Padding padding) {
      this.stride = stride;
      if (padding == Padding.SAME) {
        out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + size - in, 0);
        padBefore = total / 2;
      } else {
        out = (in - size) / stride + 1;
        padBefore = 0;
      }
      if (out < 1) {
        throw new IllegalArgumentException("a window of " + size + " does not fit " + in);
      }
    }

    int start(int outIndex) {
      return outIndex * stride - padBefore;
    }
  }

  private float[] tensor(String name, int... shape) {
    Parameter p = tensors.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no tensor named " + name + "; have " + tensors.keySet());
    }
    if (!java.util.Arrays.equals(p.shape(), shape)) {
      throw new IllegalArgumentException(
          name
              + " has shape "
              + java.util.Arrays.toString(p.shape())
              + ", expected "
              + java.util.Arrays.toString(shape));
    }
    return p.values();
  }

  /** The mean over examples of {@code logsumexp(z) - z[label]}. */
  static double meanCrossEntropy(double[][] logits, int[] labels) {
    double total = 0;
    for (int n = 0; n < logits.length; n++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double z : logits[n]) {
        max = Math.max(max, z);
      }
      double sum = 0;
      for (double z : logits[n]) {
        sum += Math.exp(z - max);
      }
      total += max + Math.log(sum) - logits[n][labels[n]];
    }
    return total / logits.length;
  }

  /** The index of the largest entry (the first of equal ones, as numpy's argmax). */
  static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
