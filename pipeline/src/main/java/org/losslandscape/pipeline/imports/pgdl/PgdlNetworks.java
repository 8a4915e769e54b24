package org.losslandscape.pipeline.imports.pgdl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.imports.ImportedNetwork;
import org.losslandscape.pipeline.imports.KerasModelFile;
import org.losslandscape.pipeline.io.JsonMappers;

/**
 * A PGDL model as this tool's network: its {@code config.json} layer list becomes the Keras
 * Sequential config PGDL builds from it ({@code tf.keras.Sequential([getattr(layers,
 * layer_name)(**kwargs) ...])}), with Keras' constructor defaults written out and each layer named
 * as its weights file names it, and then goes through the Keras importer with {@code weights.hdf5}.
 */
public final class PgdlNetworks {

  private PgdlNetworks() {}

  /** The network and trained tensors of {@code model}; every problem is a one-line error. */
  public static ImportedNetwork read(PgdlModel model) {
    List<String> names = layerNames(model);
    List<PgdlLayer> layers = model.config().layers();
    if (names.size() != layers.size()) {
      throw new DataException(
          model.files().weights()
              + " names "
              + names.size()
              + " layers but "
              + model.files().config()
              + " lists "
              + layers.size());
    }
    return KerasModelFile.fromConfigAndWeights(
        sequential(model.config().inputShape(), layers, names), model.files().weights());
  }

  /** The Keras Sequential config PGDL builds from {@code layers}. */
  static JsonNode sequential(InputShape input, List<PgdlLayer> layers, List<String> names) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("class_name", "Sequential");
    ObjectNode config = root.putObject("config");
    config.put("name", "sequential");
    ArrayNode list = config.putArray("layers");
    ObjectNode inputLayer = list.addObject();
    inputLayer.put("class_name", "InputLayer");
    ObjectNode inputConfig = inputLayer.putObject("config");
    inputConfig.put("name", "input");
    ArrayNode shape = inputConfig.putArray("batch_shape");
    shape.addNull();
    shape.add(input.height()).add(input.width()).add(input.channels());
    for (int i = 0; i < layers.size(); i++) {
      PgdlLayer layer = layers.get(i);
      ObjectNode node = list.addObject();
      node.put("class_name", layer.className());
      ObjectNode c = node.putObject("config");
      defaults(layer.className(), c);
      for (PgdlLayer.Argument a : layer.arguments()) {
        c.set(a.name(), parse(a.json()));
      }
      c.put("name", names.get(i));
    }
    return root;
  }

  /** Keras' constructor defaults for the arguments the importer reads. */
  private static void defaults(String className, ObjectNode c) {
    switch (className) {
      case "Conv2D" -> {
        c.putArray("strides").add(1).add(1);
        c.put("padding", "valid");
        c.put("activation", "linear");
        c.put("use_bias", true);
        c.put("data_format", "channels_last");
        c.putArray("dilation_rate").add(1).add(1);
        c.put("groups", 1);
      }
      case "Dense" -> {
        c.put("activation", "linear");
        c.put("use_bias", true);
      }
      case "MaxPooling2D", "AveragePooling2D" -> {
        c.putArray("pool_size").add(2).add(2);
        c.put("padding", "valid");
        c.put("data_format", "channels_last");
      }
      case "BatchNormalization" -> {
        c.put("axis", -1);
        c.put("epsilon", 1e-3);
        c.put("momentum", 0.99);
        c.put("center", true);
        c.put("scale", true);
      }
      default -> {}
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JsonMappers.base().readTree(text);
    } catch (IOException e) {
      throw new DataException("a PGDL layer argument is not JSON: " + text);
    }
  }

  /** The layer names of the weights file, in model order (root attribute layer_names). */
  private static List<String> layerNames(PgdlModel model) {
    try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(model.files().weights())) {
      io.jhdf.api.Attribute attribute = hdf.getAttribute("layer_names");
      if (attribute == null && hdf.getChild("model_weights") instanceof io.jhdf.api.Group g) {
        attribute = g.getAttribute("layer_names");
      }
      if (attribute == null) {
        throw new DataException(model.files().weights() + " has no layer_names attribute");
      }
      Object data = attribute.getData();
      if (!(data instanceof String[] strings)) {
        throw new DataException(model.files().weights() + ": layer_names is not a list of names");
      }
      return List.of(strings);
    } catch (io.jhdf.exceptions.HdfException e) {
      throw new DataException(
          model.files().weights() + " is not a readable HDF5 file: " + e.getMessage());
    }
  }
}
