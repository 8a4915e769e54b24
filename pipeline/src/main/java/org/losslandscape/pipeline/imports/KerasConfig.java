package org.losslandscape.pipeline.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.pipeline.io.JsonMappers;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Turns a Keras model config (the {@code config.json} of a {@code .keras} archive, the {@code
 * model_config} attribute of a legacy {@code .h5} file; Keras 2 and Keras 3 spellings) into a
 * {@link KerasArchitecture}: the layers as {@link LayerSpec}s, the input shape, the classes and the
 * tensors the weights must provide, with their shapes worked out layer by layer.
 *
 * <p>A Sequential model is a chain. A Functional model must be a chain too, except that a tensor
 * may feed two branches that meet again in an {@code Add}: a residual block. Its body is the longer
 * branch and its shortcut the shorter (empty for an identity shortcut); of two branches of equal
 * length the first operand of the {@code Add} is the body. The order does not change what the block
 * computes, only which branch {@code skip = false} would drop.
 *
 * <p>A final softmax (an {@code Activation("softmax")} or {@code Softmax} layer, or a softmax fused
 * into the last Dense) is dropped, so the network outputs logits: the arg max and the cross-entropy
 * are those of the original. A softmax anywhere else is refused.
 *
 * <p>Every refusal is a one-line {@link ResultsException} that starts with the source's name and
 * names the layer and its Keras class.
 */
final class KerasConfig {

  private static final ObjectMapper MAPPER = JsonMappers.base();

  private final KerasErrors errors;
  private final KerasLayerMapping mapping;

  private KerasConfig(String source) {
    errors = new KerasErrors(source);
    mapping = new KerasLayerMapping(errors);
  }

  /**
   * Parses the config text {@code json}; {@code source} names it in errors (the model file).
   *
   * @throws ResultsException if the text is not JSON, or the model is not one this reader maps
   */
  static KerasArchitecture parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ResultsException(
          source
              + ": the model config is not valid JSON ("
              + KerasErrors.oneLine(e.getOriginalMessage())
              + ")",
          e);
    }
    return parse(root, source);
  }

  /** Parses an already read config; see {@link #parse(String, String)}. */
  static KerasArchitecture parse(JsonNode root, String source) {
    return new KerasConfig(source).model(root);
  }

  // ---------------------------------------------------------------- the model

  private KerasArchitecture model(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw fail("the model config is not a JSON object");
    }
    String className = root.path("class_name").asText("");
    JsonNode config = root.path("config");
    return switch (className) {
      case "Sequential" -> sequential(config);
      case "Functional", "Model" -> functional(config);
      default ->
          throw fail(
              "the model's class is '"
                  + Printable.quote(className, 80)
                  + "'; only Sequential and Functional Keras models are supported");
    };
  }

  private KerasArchitecture sequential(JsonNode config) {
    JsonNode layerArray = config.isArray() ? config : config.path("layers");
    List<KerasLayer> layers = layers(layerArray, false);
    if (layers.isEmpty()) {
      throw fail("the Sequential model has no layers");
    }
    KerasShape input;
    List<KerasLayer> body = layers;
    if (layers.get(0).className().equals("InputLayer")) {
      input = inputShape(layers.get(0));
      body = layers.subList(1, layers.size());
    } else {
      JsonNode first = layers.get(0).config();
      JsonNode dims =
          first.has("batch_shape") ? first.get("batch_shape") : first.get("batch_input_shape");
      if (dims == null || dims.isNull()) {
        dims = config.path("build_input_shape");
      }
      input = batchShape(dims, "the Sequential model's input");
    }
    if (body.isEmpty()) {
      throw fail("the Sequential model has no layers after its input");
    }
    Chain chain = new Chain(input);
    for (int i = 0; i < body.size(); i++) {
      chain.append(body.get(i), i == body.size() - 1);
    }
    return architecture(input, chain, archivePaths(layers, true));
  }

  private KerasArchitecture functional(JsonNode config) {
    List<KerasLayer> layers = layers(config.path("layers"), true);
    Map<String, KerasLayer> byName = new LinkedHashMap<>();
    for (KerasLayer layer : layers) {
      byName.put(layer.name(), layer);
    }
    String inputName = single(config.path("input_layers"), "input");
    String outputName = single(config.path("output_layers"), "output");
    KerasLayer input = byName.get(inputName);
    if (input == null || !input.className().equals("InputLayer")) {
      throw fail("the model's input '" + inputName + "' is not one of its InputLayers");
    }
    if (!byName.containsKey(outputName)) {
      throw fail("the model's output '" + outputName + "' is not one of its layers");
    }
    Map<String, List<KerasLayer>> consumers = new HashMap<>();
    for (KerasLayer layer : layers) {
      for (String from : layer.inputs()) {
        if (!byName.containsKey(from)) {
          throw failAt(
              layer, "takes its input from '" + from + "', which is not a layer of the model");
        }
        consumers.computeIfAbsent(from, k -> new ArrayList<>()).add(layer);
      }
    }
    KerasShape inputShape = inputShape(input);
    Chain chain = new Chain(inputShape);
    KerasLayer current = input;
    int guard = 0;
    while (!current.name().equals(outputName)) {
      if (++guard > layers.size()) {
        throw fail("the layers form a cycle");
      }
      List<KerasLayer> next = consumers.getOrDefault(current.name(), List.of());
      if (next.isEmpty()) {
        throw failAt(current, "does not lead to the model's output '" + outputName + "'");
      }
      if (next.size() == 1) {
        KerasLayer layer = next.get(0);
        if (layer.inputs().size() != 1) {
          throw failAt(
              layer,
              "takes "
                  + layer.inputs().size()
                  + " inputs; only an Add closing a residual block may take two");
        }
        chain.append(layer, layer.name().equals(outputName));
        current = layer;
      } else if (next.size() == 2) {
        current = chain.residual(current, next, consumers, outputName);
      } else {
        throw failAt(
            current,
            "feeds "
                + next.size()
                + " layers; only two branches (a residual block) may start from one tensor");
      }
    }
    return architecture(inputShape, chain, archivePaths(layers, false));
  }

  private KerasArchitecture architecture(KerasShape input, Chain chain, Map<String, String> paths) {
    if (chain.layers.isEmpty()) {
      throw fail("the model has no layers after its input");
    }
    if (chain.shape.rank() != 1) {
      throw fail(
          "the model's output has shape "
              + chain.shape
              + "; a classifier must end in a vector of class scores (a Dense layer)");
    }
    return new KerasArchitecture(
        new NetworkSpec(chain.layers),
        input.asInputShape(),
        chain.shape.dims()[0],
        mapping.tensors(),
        paths);
  }

  // ---------------------------------------------------------------- the graph

  /** The layers and the shape of the tensor they produce so far. */
  private final class Chain {
    private final List<LayerSpec> layers = new ArrayList<>();
    private KerasShape shape;

    Chain(KerasShape input) {
      shape = input;
    }

    void append(KerasLayer layer, boolean last) {
      KerasLayerMapping.Converted converted = mapping.convert(layer, shape, last);
      layers.addAll(converted.layers());
      shape = converted.shape();
    }

    /** Maps the block that starts at {@code fork}'s output; returns its Add. */
    KerasLayer residual(
        KerasLayer fork,
        List<KerasLayer> starts,
        Map<String, List<KerasLayer>> consumers,
        String outputName) {
      Branch first = branch(fork, starts.get(0), consumers, outputName);
      Branch second = branch(fork, starts.get(1), consumers, outputName);
      KerasLayer add = first.add();
      if (!add.name().equals(second.add().name())) {
        throw failAt(
            fork,
            "feeds two branches that end in different layers ('"
                + add.name()
                + "', '"
                + second.add().name()
                + "'); only two branches joined by one Add (a residual block) are supported");
      }
      if (add.inputs().size() != 2) {
        throw failAt(add, "adds " + add.inputs().size() + " tensors; a residual block adds two");
      }
      if (first.layers().isEmpty() && second.layers().isEmpty()) {
        throw failAt(add, "adds a tensor to itself; a residual block needs a body");
      }
      // Operand order of the Add: which branch delivers its first input.
      boolean firstIsFirstOperand = add.inputs().get(0).equals(first.end(fork));
      Branch firstOperand = firstIsFirstOperand ? first : second;
      Branch secondOperand = firstIsFirstOperand ? second : first;
      Branch body;
      Branch shortcut;
      if (secondOperand.layers().size() <= firstOperand.layers().size()) {
        body = firstOperand;
        shortcut = secondOperand;
      } else {
        body = secondOperand;
        shortcut = firstOperand;
      }
      Chain bodyChain = new Chain(shape);
      for (KerasLayer layer : body.layers()) {
        bodyChain.append(layer, false);
      }
      Chain shortcutChain = new Chain(shape);
      for (KerasLayer layer : shortcut.layers()) {
        shortcutChain.append(layer, false);
      }
      if (!bodyChain.shape.equals(shortcutChain.shape)) {
        throw failAt(
            add,
            "adds tensors of shapes "
                + bodyChain.shape
                + " and "
                + shortcutChain.shape
                + "; they must be equal");
      }
      try {
        layers.add(
            new LayerSpec.Residual(add.name(), bodyChain.layers, shortcutChain.layers, true));
      } catch (IllegalArgumentException e) {
        throw failAt(add, KerasErrors.oneLine(e.getMessage()));
      }
      shape = bodyChain.shape;
      if (add.name().equals(outputName)) {
        throw failAt(add, "is the model's output; a classifier must end in a Dense layer");
      }
      return add;
    }
  }

  /** The layers of one branch of a residual block, and the Add that ends it. */
  private record Branch(List<KerasLayer> layers, KerasLayer add) {
    /** The name of the layer whose output the Add receives from this branch. */
    String end(KerasLayer fork) {
      return layers.isEmpty() ? fork.name() : layers.get(layers.size() - 1).name();
    }
  }

  private Branch branch(
      KerasLayer fork,
      KerasLayer start,
      Map<String, List<KerasLayer>> consumers,
      String outputName) {
    List<KerasLayer> layers = new ArrayList<>();
    KerasLayer layer = start;
    while (!isAdd(layer)) {
      if (layer.inputs().size() > 1) {
        throw failAt(
            layer,
            "merges "
                + layer.inputs().size()
                + " tensors; only an Add closing a residual block may merge branches");
      }
      if (layer.inputs().size() != 1) {
        throw failAt(
            layer,
            "takes "
                + layer.inputs().size()
                + " inputs inside the branches that start at '"
                + fork.name()
                + "'; only a chain of residual blocks is supported");
      }
      if (layer.name().equals(outputName) || layers.size() > consumers.size()) {
        throw failAt(fork, "feeds two branches that do not meet again in an Add");
      }
      layers.add(layer);
      List<KerasLayer> next = consumers.getOrDefault(layer.name(), List.of());
      if (next.size() != 1) {
        throw failAt(
            layer,
            "feeds "
                + next.size()
                + " layers inside the branches that start at '"
                + fork.name()
                + "'; only a chain of residual blocks (no nested branches) is supported");
      }
      layer = next.get(0);
    }
    return new Branch(layers, layer);
  }

  private static boolean isAdd(KerasLayer layer) {
    return layer.className().equals("Add");
  }

  // ---------------------------------------------------------------- the layers

  private List<KerasLayer> layers(JsonNode array, boolean functional) {
    if (!array.isArray()) {
      throw fail("the model config has no list of layers");
    }
    List<KerasLayer> layers = new ArrayList<>();
    Map<String, Boolean> seen = new HashMap<>();
    for (JsonNode node : array) {
      String className = node.path("class_name").asText("");
      JsonNode config = node.path("config");
      String name = config.path("name").asText(node.path("name").asText(""));
      if (className.isEmpty() || !config.isObject() || name.isEmpty()) {
        throw fail("a layer of the model config has no class_name, config or name");
      }
      if (seen.put(name, Boolean.TRUE) != null) {
        throw fail("two layers are named '" + Printable.quote(name, 80) + "'");
      }
      KerasLayer bare = new KerasLayer(name, className, config, List.of());
      List<String> inputs =
          functional ? inboundLayers(bare, node.path("inbound_nodes")) : List.of();
      layers.add(new KerasLayer(name, className, config, inputs));
    }
    return layers;
  }

  /**
   * The names of the layers whose outputs feed {@code layer}, in order. Keras 3 writes each call as
   * {@code {"args": [...], "kwargs": {...}}} with tensors {@code {"keras_history": [name, node,
   * index]}}; Keras 2 as a list of {@code [name, node, index, kwargs]}.
   */
  private List<String> inboundLayers(KerasLayer layer, JsonNode nodes) {
    if (nodes.isMissingNode() || nodes.isNull() || (nodes.isArray() && nodes.isEmpty())) {
      return List.of();
    }
    if (!nodes.isArray()) {
      throw failAt(layer, "has inbound_nodes that are not a list");
    }
    if (nodes.size() > 1) {
      throw failAt(layer, "is called " + nodes.size() + " times; shared layers are not supported");
    }
    JsonNode call = nodes.get(0);
    List<String> inputs = new ArrayList<>();
    if (call.isObject()) {
      collectKerasHistory(call.path("args"), inputs, 0);
      collectKerasHistory(call.path("kwargs"), inputs, 0);
    } else if (call.isArray()) {
      for (JsonNode tensor : call) {
        if (!tensor.isArray() || tensor.isEmpty() || !tensor.get(0).isTextual()) {
          throw failAt(layer, "has an inbound node that is not [layer, node, tensor, kwargs]");
        }
        inputs.add(tensor.get(0).asText());
      }
    } else {
      throw failAt(layer, "has an inbound node that is neither a call nor a list of tensors");
    }
    if (inputs.isEmpty()) {
      throw failAt(layer, "has an inbound node without any input tensor");
    }
    return inputs;
  }

  private static void collectKerasHistory(JsonNode node, List<String> names, int depth) {
    if (depth > 64) {
      return;
    }
    if (node.isObject()) {
      JsonNode history = node.path("config").path("keras_history");
      if (history.isArray() && !history.isEmpty() && history.get(0).isTextual()) {
        names.add(history.get(0).asText());
        return;
      }
      for (JsonNode child : node) {
        collectKerasHistory(child, names, depth + 1);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectKerasHistory(child, names, depth + 1);
      }
    }
  }

  /** The one layer name of {@code input_layers} / {@code output_layers}. */
  private String single(JsonNode layers, String what) {
    // Keras 3 writes one tensor as [name, 0, 0]; Keras 2 and several tensors as [[name, 0, 0],
    // ...].
    if (layers.isArray() && !layers.isEmpty() && layers.get(0).isTextual()) {
      return layers.get(0).asText();
    }
    if (layers.isArray() && layers.size() == 1) {
      JsonNode tensor = layers.get(0);
      if (tensor.isArray() && !tensor.isEmpty() && tensor.get(0).isTextual()) {
        return tensor.get(0).asText();
      }
    }
    if (layers.isArray() && layers.size() > 1) {
      throw fail("the model has " + layers.size() + " " + what + "s; only one is supported");
    }
    throw fail("the model config does not say its " + what + " layer (" + what + "_layers)");
  }

  private KerasShape inputShape(KerasLayer input) {
    JsonNode config = input.config();
    JsonNode dims =
        config.has("batch_shape") ? config.get("batch_shape") : config.get("batch_input_shape");
    if (dims == null && config.has("shape")) {
      return shapeOf(config.get("shape"), "input layer '" + input.name() + "'");
    }
    return batchShape(dims, "input layer '" + input.name() + "'");
  }

  /** A shape with its leading batch dimension, as Keras writes {@code [null, 28, 28, 1]}. */
  private KerasShape batchShape(JsonNode dims, String what) {
    if (dims == null || !dims.isArray() || dims.size() < 2) {
      throw fail(
          "the model config does not say the shape of its input (no batch_shape or"
              + " batch_input_shape on the "
              + what
              + ")");
    }
    List<JsonNode> rest = new ArrayList<>();
    for (int i = 1; i < dims.size(); i++) {
      rest.add(dims.get(i));
    }
    return shapeOf(MAPPER.valueToTree(rest), what);
  }

  private KerasShape shapeOf(JsonNode dims, String what) {
    if (!dims.isArray() || dims.isEmpty() || dims.size() > 3) {
      throw fail(
          "the "
              + what
              + " has shape "
              + dims
              + "; only (features,), (height, width) and (height, width, channels) inputs are"
              + " supported");
    }
    int[] sizes = new int[dims.size()];
    for (int i = 0; i < sizes.length; i++) {
      JsonNode d = dims.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 1) {
        throw fail(
            "the "
                + what
                + " has shape "
                + dims
                + "; every size but the batch must be a fixed positive number");
      }
      sizes[i] = d.asInt();
    }
    return new KerasShape(sizes);
  }

  /**
   * The group each layer's variables would have in a Keras 3 archive that does not name them: the
   * class in snake case, with {@code _1}, {@code _2}, ... for repeats, in config order. A
   * Sequential model does not store its InputLayer there.
   */
  private static Map<String, String> archivePaths(List<KerasLayer> layers, boolean sequential) {
    Map<String, String> paths = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (KerasLayer layer : layers) {
      if (sequential && layer.className().equals("InputLayer")) {
        continue;
      }
      String base = snakeCase(layer.className());
      int count = counts.merge(base, 1, Integer::sum);
      paths.put(layer.name(), "layers/" + (count == 1 ? base : base + "_" + (count - 1)));
    }
    return paths;
  }

  /** Keras' to_snake_case: {@code BatchNormalization} to {@code batch_normalization}. */
  static String snakeCase(String name) {
    String step = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return step.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private ResultsException fail(String message) {
    return errors.fail(message);
  }

  private ResultsException failAt(KerasLayer layer, String message) {
    return errors.failAt(layer, message);
  }
}
