package org.losslandscape.pipeline.imports.pgdl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;

/**
 * A PGDL model's {@code config.json}: its architecture as the list of layers PGDL's loader builds a
 * Keras {@code Sequential} from, and the shape of one input example.
 *
 * <pre>{@code
 * {"model_config": [{"layer_name": "Conv2D", "filters": 32, "kernel_size": [3, 3], ...}, ...],
 *  "input_shape": [32, 32, 3]}
 * }</pre>
 *
 * <p>This is not Keras' own model JSON (no {@code class_name}/{@code config} nesting): PGDL's
 * {@code model_def_to_keras_sequential} looks each {@code layer_name} up in {@code tf.keras.layers}
 * and passes the other fields as keyword arguments (after turning integral floats into ints), then
 * builds the model with {@code [0] + input_shape}. The model ends in logits (PGDL's baselines use
 * {@code from_logits=True}).
 *
 * @param inputShape {@code input_shape}: (height, width, channels) for rank 3, one channel for rank
 *     2, a flat vector for rank 1
 * @param layers {@code model_config}, in order
 */
public record PgdlModelConfig(InputShape inputShape, List<PgdlLayer> layers) {

  public PgdlModelConfig {
    layers = List.copyOf(layers);
  }

  /** The file's name in a model folder. */
  public static final String FILE_NAME = "config.json";

  /**
   * Reads {@code file}.
   *
   * @throws DataException naming the file and field if it is missing, not JSON, or lacks a valid
   *     {@code input_shape}, {@code model_config} or a layer's {@code layer_name}
   */
  public static PgdlModelConfig read(Path file) {
    JsonNode root = PgdlJson.read(file);
    if (!root.isObject()) {
      throw PgdlJson.bad(
          file, "the top level", "is not an object with model_config and input_shape");
    }
    return new PgdlModelConfig(inputShape(file, root.get("input_shape")), layers(file, root));
  }

  private static InputShape inputShape(Path file, JsonNode node) {
    if (node == null) {
      throw PgdlJson.bad(file, "field 'input_shape'", "is missing");
    }
    if (!node.isArray() || node.isEmpty() || node.size() > 3) {
      throw PgdlJson.bad(file, "field 'input_shape'", "is not a list of 1 to 3 sizes");
    }
    int[] sides = new int[node.size()];
    for (int i = 0; i < sides.length; i++) {
      JsonNode side = node.get(i);
      double value = side.isNumber() ? side.doubleValue() : Double.NaN;
      if (!(value >= 1 && value <= Integer.MAX_VALUE && value == Math.rint(value))) {
        throw PgdlJson.bad(file, "field 'input_shape'", "holds " + side + ", not a positive size");
      }
      sides[i] = (int) value;
    }
    try {
      return switch (sides.length) {
        case 3 -> new InputShape(sides[0], sides[1], sides[2]);
        case 2 -> new InputShape(sides[0], sides[1], 1);
        default -> InputShape.flat(sides[0]);
      };
    } catch (IllegalArgumentException e) {
      throw PgdlJson.bad(file, "field 'input_shape'", e.getMessage());
    }
  }

  private static List<PgdlLayer> layers(Path file, JsonNode root) {
    JsonNode list = root.get("model_config");
    if (list == null || !list.isArray()) {
      throw PgdlJson.bad(
          file, "field 'model_config'", list == null ? "is missing" : "is not a list of layers");
    }
    List<PgdlLayer> layers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode layer = list.get(i);
      String where = "model_config[" + i + "]";
      if (!layer.isObject()) {
        throw PgdlJson.bad(file, where, "is not an object");
      }
      JsonNode name = layer.get("layer_name");
      if (name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw PgdlJson.bad(
            file, where + ".layer_name", name == null ? "is missing" : "is not a class name");
      }
      List<PgdlLayer.Argument> arguments = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getKey().equals("layer_name")) {
          arguments.add(new PgdlLayer.Argument(field.getKey(), field.getValue().toString()));
        }
      }
      arguments.sort(Comparator.comparing(PgdlLayer.Argument::name));
      layers.add(new PgdlLayer(name.textValue(), arguments));
    }
    if (layers.isEmpty()) {
      throw PgdlJson.bad(file, "field 'model_config'", "lists no layer");
    }
    return layers;
  }
}
