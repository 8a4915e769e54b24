package org.losslandscape.pipeline.imports;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Reads the tensors a {@link KerasArchitecture} needs from a Keras weights HDF5 file, in either
 * layout:
 *
 * <ul>
 *   <li>Keras 3's {@code model.weights.h5} inside a {@code .keras} archive: {@code
 *       layers/<path>/vars/0..k}, where the {@code vars} group's attribute {@code name} is the
 *       layer's name (older archives lack it; then the path is the one Keras derives from the
 *       class, see {@link KerasArchitecture#archivePaths()}). Variables are in the layer's order:
 *       kernel, bias; gamma, beta, moving mean, moving variance. The optimizer's variables are
 *       ignored.
 *   <li>the legacy {@code .h5}: group {@code model_weights/<layer name>} whose attribute {@code
 *       weight_names} lists its datasets by path ({@code conv2d/kernel:0} in Keras 2, {@code
 *       model/conv2d/kernel} in Keras 3); the last part names the tensor.
 * </ul>
 */
final class KerasWeights {

  private KerasWeights() {}

  /** The tensors from a Keras 3 {@code model.weights.h5}; {@code source} names it in errors. */
  static List<Parameter> fromArchive(Group root, KerasArchitecture architecture, String source) {
    Map<String, Group> named = new HashMap<>();
    Node layers = root.getChild("layers");
    if (layers instanceof Group layerGroups) {
      for (Node child : layerGroups) {
        if (child instanceof Group group && group.getChild("vars") instanceof Group vars) {
          String name = stringAttribute(vars, "name");
          if (name != null) {
            named.put(name, vars);
          }
        }
      }
    }
    List<Parameter> tensors = new ArrayList<>();
    for (Map.Entry<String, List<KerasTensor>> layer : byLayer(architecture).entrySet()) {
      String name = layer.getKey();
      Group vars = named.get(name);
      if (vars == null) {
        String path = architecture.archivePaths().get(name) + "/vars";
        Node node = named.isEmpty() ? nodeAt(root, path) : null;
        if (!(node instanceof Group group)) {
          throw fail(source + ": the weights hold no variables for layer '" + name + "'");
        }
        vars = group;
      }
      List<KerasTensor> expected = layer.getValue();
      int stored = vars.getChildren().size();
      if (stored != expected.size()) {
        throw fail(
            source
                + ": layer '"
                + name
                + "' stores "
                + stored
                + " variables in "
                + vars.getPath()
                + ", its config needs "
                + expected.size()
                + " ("
                + roles(expected)
                + ")");
      }
      for (int i = 0; i < expected.size(); i++) {
        tensors.add(read(vars.getChild(Integer.toString(i)), expected.get(i), source));
      }
    }
    return tensors;
  }

  /** The tensors from a legacy {@code .h5} file's {@code model_weights} group. */
  static List<Parameter> fromLegacy(
      Group modelWeights, KerasArchitecture architecture, String source) {
    List<Parameter> tensors = new ArrayList<>();
    for (Map.Entry<String, List<KerasTensor>> layer : byLayer(architecture).entrySet()) {
      String name = layer.getKey();
      if (!(modelWeights.getChild(name) instanceof Group group)) {
        throw fail(source + ": model_weights holds no group for layer '" + name + "'");
      }
      Map<TensorRole, Node> stored = new EnumMap<>(TensorRole.class);
      for (String weightName : stringList(group, "weight_names", source)) {
        String last = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        TensorRole role = TensorRole.ofKey(colon < 0 ? last : last.substring(0, colon));
        if (role == null) {
          throw fail(
              source
                  + ": layer '"
                  + name
                  + "' stores a weight named '"
                  + weightName
                  + "', which is none of kernel, bias, gamma, beta, moving_mean, moving_variance");
        }
        stored.put(role, nodeAt(group, weightName));
      }
      List<KerasTensor> expected = layer.getValue();
      List<TensorRole> needed = expected.stream().map(KerasTensor::role).toList();
      if (!stored.keySet().equals(new java.util.HashSet<>(needed))) {
        throw fail(
            source
                + ": layer '"
                + name
                + "' stores "
                + String.join(", ", stored.keySet().stream().map(TensorRole::key).toList())
                + ", its config needs "
                + roles(expected));
      }
      for (KerasTensor tensor : expected) {
        tensors.add(read(stored.get(tensor.role()), tensor, source));
      }
    }
    return tensors;
  }

  private static ResultsException fail(String message) {
    return new ResultsException(Printable.oneLine(message));
  }

  /** The expected tensors grouped by layer, layers in walking order. */
  private static Map<String, List<KerasTensor>> byLayer(KerasArchitecture architecture) {
    Map<String, List<KerasTensor>> layers = new LinkedHashMap<>();
    for (KerasTensor tensor : architecture.tensors()) {
      layers.computeIfAbsent(tensor.layer(), k -> new ArrayList<>()).add(tensor);
    }
    return layers;
  }

  private static String roles(List<KerasTensor> tensors) {
    return String.join(", ", tensors.stream().map(t -> t.role().key()).toList());
  }

  private static Parameter read(Node node, KerasTensor tensor, String source) {
    if (!(node instanceof Dataset dataset)) {
      throw fail(source + ": no dataset holds " + tensor.name());
    }
    int[] shape = dataset.getDimensions();
    if (!Arrays.equals(shape, tensor.shape())) {
      throw fail(
          source
              + ": "
              + tensor.name()
              + " ("
              + dataset.getPath()
              + ") has shape "
              + Arrays.toString(shape)
              + ", the config implies "
              + Arrays.toString(tensor.shape()));
    }
    float[] values = floats(dataset.getDataFlat(), dataset, tensor, source);
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw fail(
            source
                + ": "
                + tensor.name()
                + " holds "
                + values[i]
                + " at flat index "
                + i
                + "; a loss landscape needs finite weights");
      }
    }
    return new Parameter(tensor.name(), tensor.shape(), values);
  }

  private static float[] floats(Object data, Dataset dataset, KerasTensor tensor, String source) {
    if (data instanceof float[] f) {
      return f;
    }
    if (data instanceof double[] d) {
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return f;
    }
    throw fail(
        source
            + ": "
            + tensor.name()
            + " ("
            + dataset.getPath()
            + ") holds "
            + dataset.getJavaType().getSimpleName()
            + " values; only float32 and float64 weights are supported");
  }

  /** The node at a slash-separated path below {@code group}, or null. */
  private static Node nodeAt(Group group, String path) {
    Node node = group;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!(node instanceof Group g) || !g.getChildren().containsKey(part)) {
        return null;
      }
      node = g.getChild(part);
    }
    return node;
  }

  /** A string attribute, or null when there is none or it is not a string. */
  static String stringAttribute(Node node, String name) {
    Attribute attribute = node.getAttributes().get(name);
    if (attribute == null) {
      return null;
    }
    Object data = attribute.getData();
    if (data instanceof String text) {
      return text;
    }
    if (data instanceof String[] texts && texts.length == 1) {
      return texts[0];
    }
    return null;
  }

  /**
   * A list-of-strings attribute. Keras splits one that exceeds HDF5's attribute size into {@code
   * name0}, {@code name1}, ...; an empty list is stored as an empty float array.
   */
  static List<String> stringList(Node node, String name, String source) {
    Map<String, Attribute> attributes = node.getAttributes();
    List<Attribute> parts = new ArrayList<>();
    if (attributes.containsKey(name)) {
      parts.add(attributes.get(name));
    } else {
      for (int i = 0; attributes.containsKey(name + i); i++) {
        parts.add(attributes.get(name + i));
      }
    }
    if (parts.isEmpty()) {
      throw fail(source + ": " + node.getPath() + " has no attribute '" + name + "'");
    }
    List<String> values = new ArrayList<>();
    for (Attribute part : parts) {
      Object data = part.getData();
      if (data instanceof String[] texts) {
        values.addAll(Arrays.asList(texts));
      } else if (data instanceof String text) {
        values.add(text);
      } else if (!(data != null
          && data.getClass().isArray()
          && java.lang.reflect.Array.getLength(data) == 0)) {
        throw fail(
            source + ": " + node.getPath() + " attribute '" + name + "' is not a list of names");
      }
    }
    return values;
  }
}
