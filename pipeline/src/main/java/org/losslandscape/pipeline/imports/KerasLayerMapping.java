package org.losslandscape.pipeline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.losslandscape.models.network.Activation;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.Padding;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Maps one Keras layer, given the shape of its input, to the {@link LayerSpec}s it becomes and the
 * shape of its output, and records the tensors it needs (with their shapes) in walking order. What
 * is supported and how each layer's fields are read is here; how layers connect is in {@link
 * KerasConfig}.
 */
final class KerasLayerMapping {

  /** Keras classes this reader maps, for the message that refuses the others. */
  static final String SUPPORTED =
      "Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, BatchNormalization,"
          + " Activation, ReLU, Softmax (last), Dropout, Flatten, ZeroPadding2D, Add (closing a"
          + " residual block)";

  private final KerasErrors errors;
  private final List<KerasTensor> tensors = new ArrayList<>();

  KerasLayerMapping(KerasErrors errors) {
    this.errors = errors;
  }

  /** The tensors of the layers mapped so far, in the order they were mapped. */
  List<KerasTensor> tensors() {
    return List.copyOf(tensors);
  }

  /** The LayerSpecs one Keras layer becomes and the shape of its output. */
  record Converted(List<LayerSpec> layers, KerasShape shape) {}

  Converted convert(KerasLayer layer, KerasShape in, boolean last) {
    try {
      return switch (layer.className()) {
        case "Dense" -> dense(layer, in, last);
        case "Conv2D", "Convolution2D" -> conv2d(layer, in, last);
        case "MaxPooling2D", "MaxPool2D" -> pool(layer, in, LayerSpec.PoolKind.MAX);
        case "AveragePooling2D", "AvgPool2D" -> pool(layer, in, LayerSpec.PoolKind.AVERAGE);
        case "GlobalAveragePooling2D", "GlobalAvgPool2D" -> globalAveragePool(layer, in);
        case "BatchNormalization" -> batchNorm(layer, in);
        case "Activation" -> activation(layer, in, last, activationName(layer, "activation"));
        case "ReLU" -> relu(layer, in);
        case "Softmax" -> softmax(layer, in, last);
        case "Dropout" -> dropout(layer, in);
        case "Flatten" -> flatten(layer, in);
        case "ZeroPadding2D" -> zeroPad(layer, in);
        case "InputLayer" -> throw failAt(layer, "is an input in the middle of the model");
        case "Add" ->
            throw failAt(
                layer, "is not the end of a residual block (two branches from one tensor)");
        default -> throw failAt(layer, "is not supported; supported layers: " + SUPPORTED);
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw failAt(layer, KerasErrors.oneLine(e.getMessage()));
    }
  }

  private Converted dense(KerasLayer layer, KerasShape in, boolean last) {
    requireRank(layer, in, 1, "put a Flatten or GlobalAveragePooling2D before it");
    JsonNode lora = layer.config().path("lora_rank");
    if (!lora.isMissingNode() && !lora.isNull()) {
      throw failAt(layer, "uses LoRA (lora_rank " + lora + "), which is not supported");
    }
    int units = positiveInt(layer, "units", null);
    boolean useBias = bool(layer, "use_bias", true);
    tensors.add(new KerasTensor(layer.name(), TensorRole.KERNEL, new int[] {in.dims()[0], units}));
    if (useBias) {
      tensors.add(new KerasTensor(layer.name(), TensorRole.BIAS, new int[] {units}));
    }
    List<LayerSpec> specs = new ArrayList<>();
    specs.add(new LayerSpec.Dense(layer.name(), units, useBias));
    KerasShape out = new KerasShape(new int[] {units});
    specs.addAll(fusedActivation(layer, out, last));
    return new Converted(specs, out);
  }

  private Converted conv2d(KerasLayer layer, KerasShape in, boolean last) {
    requireRank(layer, in, 3, "it needs a (height, width, channels) input");
    requireChannelsLast(layer);
    int[] dilation = pair(layer, "dilation_rate", 1);
    if (dilation[0] != 1 || dilation[1] != 1) {
      throw failAt(
          layer,
          "has dilation_rate "
              + Arrays.toString(dilation)
              + "; only undilated convolutions (dilation 1) are supported");
    }
    int groups = positiveInt(layer, "groups", 1);
    if (groups != 1) {
      throw failAt(layer, "has groups " + groups + "; only groups 1 is supported");
    }
    int filters = positiveInt(layer, "filters", null);
    int[] kernel = pair(layer, "kernel_size", null);
    int[] strides = pair(layer, "strides", 1);
    Padding padding = padding(layer);
    boolean useBias = bool(layer, "use_bias", true);
    int height = outputSize(layer, in.dims()[0], kernel[0], strides[0], padding);
    int width = outputSize(layer, in.dims()[1], kernel[1], strides[1], padding);
    tensors.add(
        new KerasTensor(
            layer.name(),
            TensorRole.KERNEL,
            new int[] {kernel[0], kernel[1], in.dims()[2], filters}));
    if (useBias) {
      tensors.add(new KerasTensor(layer.name(), TensorRole.BIAS, new int[] {filters}));
    }
    List<LayerSpec> specs = new ArrayList<>();
    specs.add(
        new LayerSpec.Conv2d(
            layer.name(), filters, kernel[0], kernel[1], strides[0], strides[1], padding, useBias));
    KerasShape out = new KerasShape(new int[] {height, width, filters});
    specs.addAll(fusedActivation(layer, out, last));
    return new Converted(specs, out);
  }

  private Converted pool(KerasLayer layer, KerasShape in, LayerSpec.PoolKind kind) {
    requireRank(layer, in, 3, "it needs a (height, width, channels) input");
    requireChannelsLast(layer);
    int[] size = pair(layer, "pool_size", 2);
    JsonNode stridesNode = layer.config().path("strides");
    int[] strides =
        stridesNode.isMissingNode() || stridesNode.isNull() ? size : pair(layer, "strides", 1);
    if (size[0] != size[1] || strides[0] != strides[1]) {
      throw failAt(
          layer,
          "has pool_size "
              + Arrays.toString(size)
              + " and strides "
              + Arrays.toString(strides)
              + "; only square windows with equal strides are supported");
    }
    Padding padding = padding(layer);
    int height = outputSize(layer, in.dims()[0], size[0], strides[0], padding);
    int width = outputSize(layer, in.dims()[1], size[1], strides[1], padding);
    return new Converted(
        List.of(new LayerSpec.Pool2d(layer.name(), kind, size[0], strides[0], padding)),
        new KerasShape(new int[] {height, width, in.dims()[2]}));
  }

  private Converted globalAveragePool(KerasLayer layer, KerasShape in) {
    requireRank(layer, in, 3, "it needs a (height, width, channels) input");
    requireChannelsLast(layer);
    if (bool(layer, "keepdims", false)) {
      throw failAt(layer, "has keepdims true; only keepdims false (a vector per example)");
    }
    return new Converted(
        List.of(new LayerSpec.GlobalAveragePool(layer.name())),
        new KerasShape(new int[] {in.dims()[2]}));
  }

  private Converted batchNorm(KerasLayer layer, KerasShape in) {
    if (in.rank() == 2) {
      throw failAt(layer, "normalizes a " + in + " tensor; it needs a vector or an image");
    }
    JsonNode axisNode = layer.config().path("axis");
    if (axisNode.isArray() && axisNode.size() == 1) {
      axisNode = axisNode.get(0);
    }
    int axis = axisNode.isMissingNode() ? -1 : axisNode.isIntegralNumber() ? axisNode.asInt() : 0;
    if (axis != -1 && axis != in.rank()) {
      throw failAt(
          layer,
          "normalizes axis "
              + layer.config().path("axis")
              + "; only the last (channel) axis, -1, is supported (channels_last)");
    }
    if (bool(layer, "renorm", false)) {
      throw failAt(layer, "uses batch renormalization, which is not supported");
    }
    double epsilon = number(layer, "epsilon", 1e-3);
    double momentum = number(layer, "momentum", 0.99);
    boolean center = bool(layer, "center", true);
    boolean scale = bool(layer, "scale", true);
    int channels = in.dims()[in.rank() - 1];
    if (scale) {
      tensors.add(new KerasTensor(layer.name(), TensorRole.GAMMA, new int[] {channels}));
    }
    if (center) {
      tensors.add(new KerasTensor(layer.name(), TensorRole.BETA, new int[] {channels}));
    }
    tensors.add(new KerasTensor(layer.name(), TensorRole.MOVING_MEAN, new int[] {channels}));
    tensors.add(new KerasTensor(layer.name(), TensorRole.MOVING_VARIANCE, new int[] {channels}));
    return new Converted(
        List.of(new LayerSpec.BatchNorm(layer.name(), epsilon, momentum, center, scale)), in);
  }

  private Converted activation(KerasLayer layer, KerasShape in, boolean last, String name) {
    if (name.equals("softmax")) {
      return softmax(layer, in, last);
    }
    if (name.equals("linear")) {
      return new Converted(List.of(), in);
    }
    return new Converted(List.of(new LayerSpec.Act(layer.name(), activationOf(layer, name))), in);
  }

  private Converted relu(KerasLayer layer, KerasShape in) {
    JsonNode config = layer.config();
    boolean plain =
        (config.path("max_value").isMissingNode() || config.path("max_value").isNull())
            && config.path("negative_slope").asDouble(0) == 0
            && config.path("threshold").asDouble(0) == 0;
    if (!plain) {
      throw failAt(
          layer,
          "has max_value, negative_slope or threshold set; only the plain ReLU max(x, 0) is"
              + " supported");
    }
    return new Converted(List.of(new LayerSpec.Act(layer.name(), Activation.RELU)), in);
  }

  private Converted softmax(KerasLayer layer, KerasShape in, boolean last) {
    if (!last || in.rank() != 1) {
      throw failAt(
          layer,
          "applies a softmax that is not the model's last step; only a final softmax is supported"
              + " (it is dropped, the network outputs logits)");
    }
    return new Converted(List.of(), in);
  }

  private Converted dropout(KerasLayer layer, KerasShape in) {
    JsonNode noise = layer.config().path("noise_shape");
    if (!noise.isMissingNode() && !noise.isNull()) {
      throw failAt(layer, "has a noise_shape; only plain element-wise dropout is supported");
    }
    return new Converted(
        List.of(new LayerSpec.Dropout(layer.name(), number(layer, "rate", null))), in);
  }

  private Converted flatten(KerasLayer layer, KerasShape in) {
    requireChannelsLast(layer);
    int size = 1;
    for (int d : in.dims()) {
      size = Math.multiplyExact(size, d);
    }
    return new Converted(
        List.of(new LayerSpec.Flatten(layer.name())), new KerasShape(new int[] {size}));
  }

  private Converted zeroPad(KerasLayer layer, KerasShape in) {
    requireRank(layer, in, 3, "it needs a (height, width, channels) input");
    requireChannelsLast(layer);
    int[] p = padding4(layer);
    return new Converted(
        List.of(new LayerSpec.ZeroPad2d(layer.name(), p[0], p[1], p[2], p[3])),
        new KerasShape(
            new int[] {
              Math.addExact(in.dims()[0], p[0] + p[1]),
              Math.addExact(in.dims()[1], p[2] + p[3]),
              in.dims()[2]
            }));
  }

  /**
   * ZeroPadding2D's padding as top, bottom, left, right, from any of Keras' spellings: {@code p}
   * (all sides), {@code [h, w]} (per axis, both sides), {@code [[top, bottom], [left, right]]}.
   */
  private int[] padding4(KerasLayer layer) {
    JsonNode node = layer.config().path("padding");
    if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 0) {
      int p = node.asInt();
      return new int[] {p, p, p, p};
    }
    if (node.isArray() && node.size() == 2) {
      int[] out = new int[4];
      for (int axis = 0; axis < 2; axis++) {
        JsonNode d = node.get(axis);
        if (d.isIntegralNumber() && d.canConvertToInt() && d.asInt() >= 0) {
          out[2 * axis] = d.asInt();
          out[2 * axis + 1] = d.asInt();
        } else if (d.isArray()
            && d.size() == 2
            && d.get(0).canConvertToInt()
            && d.get(0).isIntegralNumber()
            && d.get(0).asInt() >= 0
            && d.get(1).isIntegralNumber()
            && d.get(1).canConvertToInt()
            && d.get(1).asInt() >= 0) {
          out[2 * axis] = d.get(0).asInt();
          out[2 * axis + 1] = d.get(1).asInt();
        } else {
          out = null;
          break;
        }
      }
      if (out != null) {
        return out;
      }
    }
    throw failAt(
        layer,
        "has padding "
            + KerasErrors.brief(node)
            + "; expected p, [h, w] or [[top, bottom], [left, right]] of integers >= 0");
  }

  /** The Act after a Dense or Conv2D with a fused activation (none for linear). */
  private List<LayerSpec> fusedActivation(KerasLayer layer, KerasShape out, boolean last) {
    String name = activationName(layer, "activation");
    if (name.equals("linear")) {
      return List.of();
    }
    if (name.equals("softmax")) {
      softmax(layer, out, last);
      return List.of();
    }
    return List.of(new LayerSpec.Act(null, activationOf(layer, name)));
  }

  private Activation activationOf(KerasLayer layer, String name) {
    try {
      return Activation.of(name);
    } catch (IllegalArgumentException e) {
      throw failAt(layer, "has activation '" + name + "', which is not supported; " + known());
    }
  }

  private static String known() {
    StringBuilder text = new StringBuilder("supported: ");
    for (Activation a : Activation.values()) {
      text.append(a.key()).append(", ");
    }
    return text.append("softmax (last)").toString();
  }

  /**
   * The activation's name: Keras writes built-ins as a string, and some versions as {@code
   * {"class_name": "function", "config": "relu"}}.
   */
  private String activationName(KerasLayer layer, String field) {
    JsonNode node = layer.config().path(field);
    if (node.isMissingNode() || node.isNull()) {
      return "linear";
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject() && node.path("config").isTextual()) {
      return node.path("config").asText();
    }
    throw failAt(layer, "has an activation written as " + KerasErrors.brief(node) + ", not a name");
  }

  // ---------------------------------------------------------------- fields and shapes

  private void requireRank(KerasLayer layer, KerasShape in, int rank, String advice) {
    if (in.rank() != rank) {
      throw failAt(layer, "receives a " + in + " tensor; " + advice);
    }
  }

  private void requireChannelsLast(KerasLayer layer) {
    JsonNode format = layer.config().path("data_format");
    if (!format.isMissingNode() && !format.isNull() && !format.asText().equals("channels_last")) {
      throw failAt(
          layer,
          "has data_format " + KerasErrors.brief(format) + "; only channels_last is supported");
    }
  }

  private Padding padding(KerasLayer layer) {
    JsonNode node = layer.config().path("padding");
    String padding = node.isMissingNode() ? "valid" : node.asText("");
    return switch (padding.toLowerCase(Locale.ROOT)) {
      case "valid" -> Padding.VALID;
      case "same" -> Padding.SAME;
      default ->
          throw failAt(
              layer,
              "has padding " + KerasErrors.brief(node) + "; only 'same' and 'valid' are supported");
    };
  }

  /** Output positions along one axis, as TensorFlow defines them. */
  private int outputSize(KerasLayer layer, int in, int window, int stride, Padding padding) {
    if (padding == Padding.SAME) {
      return (in + stride - 1) / stride;
    }
    if (window > in) {
      throw failAt(
          layer,
          "has a window of "
              + window
              + " on an input of "
              + in
              + " with padding 'valid', which leaves no output");
    }
    return (in - window) / stride + 1;
  }

  private int positiveInt(KerasLayer layer, String field, Integer fallback) {
    JsonNode node = layer.config().path(field);
    if ((node.isMissingNode() || node.isNull()) && fallback != null) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw failAt(
          layer, "has " + field + " " + KerasErrors.brief(node) + "; expected a positive integer");
    }
    return node.asInt();
  }

  /** An int or a pair of ints, as Keras writes kernel sizes and strides. */
  private int[] pair(KerasLayer layer, String field, Integer fallback) {
    JsonNode node = layer.config().path(field);
    if ((node.isMissingNode() || node.isNull()) && fallback != null) {
      return new int[] {fallback, fallback};
    }
    if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 1) {
      return new int[] {node.asInt(), node.asInt()};
    }
    if (node.isArray() && node.size() == 2) {
      int[] pair = new int[2];
      for (int i = 0; i < 2; i++) {
        JsonNode d = node.get(i);
        if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 1) {
          pair = null;
          break;
        }
        pair[i] = d.asInt();
      }
      if (pair != null) {
        return pair;
      }
    }
    throw failAt(
        layer, "has " + field + " " + KerasErrors.brief(node) + "; expected two positive integers");
  }

  private boolean bool(KerasLayer layer, String field, boolean fallback) {
    JsonNode node = layer.config().path(field);
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw failAt(
          layer, "has " + field + " " + KerasErrors.brief(node) + "; expected true or false");
    }
    return node.asBoolean();
  }

  private double number(KerasLayer layer, String field, Double fallback) {
    JsonNode node = layer.config().path(field);
    if ((node.isMissingNode() || node.isNull()) && fallback != null) {
      return fallback;
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw failAt(layer, "has " + field + " " + KerasErrors.brief(node) + "; expected a number");
    }
    return node.asDouble();
  }

  private ResultsException fail(String message) {
    return errors.fail(message);
  }

  private ResultsException failAt(KerasLayer layer, String message) {
    return errors.failAt(layer, message);
  }
}
