package org.losslandscape.pipeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.losslandscape.models.network.Activation;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.network.Padding;

/**
 * A network as a small JSON file ({@code --model-file}) and back:
 *
 * <pre>{@code
 * {"name": "my-cnn",
 *  "layers": [
 *    {"type": "conv2d", "filters": 16, "kernel": 3, "stride": 1, "padding": "same", "bias": false},
 *    {"type": "batch_norm"},
 *    {"type": "relu"},
 *    {"type": "residual", "body": [ ... ], "shortcut": [ ... ], "skip": true},
 *    {"type": "max_pool", "size": 2, "stride": 2},
 *    {"type": "global_average_pool"},
 *    {"type": "dense", "units": 10}]}
 * }</pre>
 *
 * <p>Types: {@code dense} (units, bias), {@code conv2d} (filters, kernel or kernel_height and
 * kernel_width, stride or stride_height and stride_width, padding same|valid, bias), {@code
 * zero_pad} (padding on every side, or top, bottom, left, right: zeros around the image, so that a
 * valid convolution after it pads as PyTorch does), {@code max_pool} and {@code average_pool}
 * (size, stride, padding), {@code global_average_pool}, {@code batch_norm} (epsilon, momentum,
 * center, scale), an activation by name ({@code relu}, {@code tanh}, {@code sigmoid}, {@code elu},
 * {@code softplus}, {@code linear}) or {@code activation} with {@code "activation": name}, {@code
 * dropout} (rate), {@code flatten}, {@code residual} (body, shortcut: empty or absent for the
 * identity, skip). Any layer may have a {@code name}. Defaults as in Keras: bias true, convolution
 * stride 1, pooling size 2 with stride equal to the size, padding {@code valid}. An unknown type or
 * key is an error naming the layer, so a typo never silently changes the network.
 */
public final class NetworkSpecJson {

  private NetworkSpecJson() {}

  /**
   * A network file as its name and layers.
   *
   * @param name the file's {@code name}, or the file name without extension
   * @param spec the layers
   */
  public record NamedSpec(String name, NetworkSpec spec) {}

  /** Reads {@code file}; every problem is a one-line {@link ResultsException} naming the file. */
  public static NamedSpec read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ResultsException("network file " + file + " does not exist or is not a file");
    }
    JsonNode root;
    try {
      root = JsonMappers.base().readTree(file.toFile());
    } catch (IOException e) {
      throw new ResultsException(
          "network file " + file + " is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    String fallback = file.getFileName().toString().replaceFirst("\\.json$", "");
    return parse(root, file.toString(), fallback);
  }

  /** The network in {@code root}; {@code where} names the source in messages. */
  public static NamedSpec parse(JsonNode root, String where, String fallbackName) {
    if (root == null || !root.isObject()) {
      throw new ResultsException(where + ": a network file is a JSON object with \"layers\"");
    }
    allowOnly(root, Set.of("name", "layers"), where);
    JsonNode name = root.get("name");
    if (name != null && !name.isTextual()) {
      throw new ResultsException(where + ": \"name\" must be a string");
    }
    List<LayerSpec> layers = layers(root.get("layers"), where, "layers");
    if (layers.isEmpty()) {
      throw new ResultsException(where + ": \"layers\" is empty; a network needs at least one");
    }
    return new NamedSpec(name == null ? fallbackName : name.asText(), new NetworkSpec(layers));
  }

  private static List<LayerSpec> layers(JsonNode array, String where, String path) {
    if (array == null || !array.isArray()) {
      throw new ResultsException(where + ": \"" + path + "\" must be a list of layers");
    }
    List<LayerSpec> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(layer(array.get(i), where, path + "[" + i + "]"));
    }
    return out;
  }

  private static LayerSpec layer(JsonNode node, String where, String path) {
    String at = where + ", " + path;
    if (node == null || !node.isObject()) {
      throw new ResultsException(at + ": a layer is a JSON object with a \"type\"");
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new ResultsException(at + ": the layer has no \"type\"");
    }
    String type = typeNode.asText().toLowerCase(Locale.ROOT);
    String name = node.hasNonNull("name") ? node.get("name").asText() : null;
    try {
      return switch (type) {
        case "dense" -> {
          allowOnly(node, Set.of("type", "name", "units", "bias"), at);
          yield new LayerSpec.Dense(
              name, intField(node, "units", null, at), bool(node, "bias", true, at));
        }
        case "conv2d" -> {
          allowOnly(
              node,
              Set.of(
                  "type",
                  "name",
                  "filters",
                  "kernel",
                  "kernel_height",
                  "kernel_width",
                  "stride",
                  "stride_height",
                  "stride_width",
                  "padding",
                  "bias"),
              at);
          Integer kernel = node.has("kernel") ? intField(node, "kernel", null, at) : null;
          int stride = intField(node, "stride", 1, at);
          yield new LayerSpec.Conv2d(
              name,
              intField(node, "filters", null, at),
              intField(node, "kernel_height", kernel, at),
              intField(node, "kernel_width", kernel, at),
              intField(node, "stride_height", stride, at),
              intField(node, "stride_width", stride, at),
              padding(node, at),
              bool(node, "bias", true, at));
        }
        case "zero_pad" -> {
          allowOnly(node, Set.of("type", "name", "padding", "top", "bottom", "left", "right"), at);
          int all = intField(node, "padding", 0, at);
          yield new LayerSpec.ZeroPad2d(
              name,
              intField(node, "top", all, at),
              intField(node, "bottom", all, at),
              intField(node, "left", all, at),
              intField(node, "right", all, at));
        }
        case "max_pool", "average_pool" -> {
          allowOnly(node, Set.of("type", "name", "size", "stride", "padding"), at);
          int size = intField(node, "size", 2, at);
          yield new LayerSpec.Pool2d(
              name,
              type.equals("max_pool") ? LayerSpec.PoolKind.MAX : LayerSpec.PoolKind.AVERAGE,
              size,
              intField(node, "stride", size, at),
              padding(node, at));
        }
        case "global_average_pool" -> {
          allowOnly(node, Set.of("type", "name"), at);
          yield new LayerSpec.GlobalAveragePool(name);
        }
        case "batch_norm" -> {
          allowOnly(node, Set.of("type", "name", "epsilon", "momentum", "center", "scale"), at);
          yield new LayerSpec.BatchNorm(
              name,
              number(node, "epsilon", 1e-3, at),
              number(node, "momentum", 0.99, at),
              bool(node, "center", true, at),
              bool(node, "scale", true, at));
        }
        case "activation" -> {
          allowOnly(node, Set.of("type", "name", "activation"), at);
          JsonNode a = node.get("activation");
          if (a == null || !a.isTextual()) {
            throw new ResultsException(at + ": \"activation\" must name one, e.g. \"relu\"");
          }
          yield new LayerSpec.Act(name, Activation.of(a.asText()));
        }
        case "relu", "tanh", "sigmoid", "elu", "softplus", "linear" -> {
          allowOnly(node, Set.of("type", "name"), at);
          yield new LayerSpec.Act(name, Activation.of(type));
        }
        case "dropout" -> {
          allowOnly(node, Set.of("type", "name", "rate"), at);
          yield new LayerSpec.Dropout(name, number(node, "rate", null, at));
        }
        case "flatten" -> {
          allowOnly(node, Set.of("type", "name"), at);
          yield new LayerSpec.Flatten(name);
        }
        case "residual" -> {
          allowOnly(node, Set.of("type", "name", "body", "shortcut", "skip"), at);
          List<LayerSpec> shortcut =
              node.has("shortcut")
                  ? layers(node.get("shortcut"), where, path + ".shortcut")
                  : List.of();
          yield new LayerSpec.Residual(
              name,
              layers(node.get("body"), where, path + ".body"),
              shortcut,
              bool(node, "skip", true, at));
        }
        default ->
            throw new ResultsException(
                at
                    + ": unknown layer type \""
                    + typeNode.asText()
                    + "\"; known: dense, conv2d, zero_pad, max_pool, average_pool,"
                    + " global_average_pool,"
                    + " batch_norm, activation, relu, tanh, sigmoid, elu, softplus, linear,"
                    + " dropout, flatten, residual");
      };
    } catch (IllegalArgumentException e) {
      // The records' own checks (a width of 0, a dropout rate of 1, ...).
      throw new ResultsException(at + ": " + e.getMessage(), e);
    }
  }

  /** {@code spec} as the JSON this class reads. */
  public static ObjectNode toJson(String name, NetworkSpec spec) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("name", name);
    root.set("layers", toJson(spec.layers()));
    return root;
  }

  private static ArrayNode toJson(List<LayerSpec> layers) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (LayerSpec layer : layers) {
      ObjectNode o = array.addObject();
      if (layer instanceof LayerSpec.Dense d) {
        o.put("type", "dense").put("units", d.units()).put("bias", d.useBias());
      } else if (layer instanceof LayerSpec.Conv2d c) {
        o.put("type", "conv2d")
            .put("filters", c.filters())
            .put("kernel_height", c.kernelHeight())
            .put("kernel_width", c.kernelWidth())
            .put("stride_height", c.strideHeight())
            .put("stride_width", c.strideWidth())
            .put("padding", c.padding().name().toLowerCase(Locale.ROOT))
            .put("bias", c.useBias());
      } else if (layer instanceof LayerSpec.ZeroPad2d z) {
        o.put("type", "zero_pad")
            .put("top", z.top())
            .put("bottom", z.bottom())
            .put("left", z.left())
            .put("right", z.right());
      } else if (layer instanceof LayerSpec.Pool2d p) {
        o.put("type", p.kind() == LayerSpec.PoolKind.MAX ? "max_pool" : "average_pool")
            .put("size", p.size())
            .put("stride", p.stride())
            .put("padding", p.padding().name().toLowerCase(Locale.ROOT));
      } else if (layer instanceof LayerSpec.GlobalAveragePool) {
        o.put("type", "global_average_pool");
      } else if (layer instanceof LayerSpec.BatchNorm b) {
        o.put("type", "batch_norm")
            .put("epsilon", b.epsilon())
            .put("momentum", b.momentum())
            .put("center", b.center())
            .put("scale", b.scale());
      } else if (layer instanceof LayerSpec.Act a) {
        o.put("type", a.activation().key());
      } else if (layer instanceof LayerSpec.Dropout d) {
        o.put("type", "dropout").put("rate", d.rate());
      } else if (layer instanceof LayerSpec.Flatten) {
        o.put("type", "flatten");
      } else if (layer instanceof LayerSpec.Residual r) {
        o.put("type", "residual").put("skip", r.skip());
        o.set("body", toJson(r.body()));
        o.set("shortcut", toJson(r.shortcut()));
      }
      if (layer.name() != null) {
        o.put("name", layer.name());
      }
    }
    return array;
  }

  private static void allowOnly(JsonNode node, Set<String> keys, String at) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!keys.contains(key)) {
        throw new ResultsException(
            at
                + ": unknown key \""
                + key
                + "\"; allowed: "
                + String.join(", ", new java.util.TreeSet<>(keys)));
      }
    }
  }

  private static int intField(JsonNode node, String key, Integer fallback, String at) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new ResultsException(at + ": \"" + key + "\" is required");
      }
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new ResultsException(at + ": \"" + key + "\" must be a whole number, found " + v);
    }
    return v.intValue();
  }

  private static double number(JsonNode node, String key, Double fallback, String at) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new ResultsException(at + ": \"" + key + "\" is required");
      }
      return fallback;
    }
    if (!v.isNumber()) {
      throw new ResultsException(at + ": \"" + key + "\" must be a number, found " + v);
    }
    return v.doubleValue();
  }

  private static boolean bool(JsonNode node, String key, boolean fallback, String at) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new ResultsException(at + ": \"" + key + "\" must be true or false, found " + v);
    }
    return v.booleanValue();
  }

  private static Padding padding(JsonNode node, String at) {
    JsonNode v = node.get("padding");
    if (v == null || v.isNull()) {
      return Padding.VALID;
    }
    return switch (v.asText().toLowerCase(Locale.ROOT)) {
      case "same" -> Padding.SAME;
      case "valid" -> Padding.VALID;
      default -> throw new ResultsException(at + ": \"padding\" must be same or valid, found " + v);
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
