package org.losslandscape.pipeline.imports.pgdl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.Printable;

/**
 * Reads a PGDL task's {@code model_configs.json}: one entry per model, keyed by its id, each with
 * its hyperparameters and measured metrics:
 *
 * <pre>{@code
 * {"<id>": {"hparams": {"<name>": {"current_value": v, "possible_values": [v1, v2, ...]}, ...},
 *           "metrics": {"train_acc": 0.99, "test_acc": 0.87, ...}},
 *  ...}
 * }</pre>
 *
 * <p>The structure and the keys {@code hparams}, {@code current_value}, {@code possible_values},
 * {@code metrics}, {@code train_acc} and {@code test_acc} are those the competition's scoring
 * program reads. Other metrics are kept if numeric; other fields of a model are ignored. A model
 * with no hyperparameter is accepted (PGDL omits hyperparameters that all models share).
 */
public final class PgdlModelConfigs {

  /** The file's name in a PGDL task. */
  public static final String FILE_NAME = "model_configs.json";

  /** The id prefix of PGDL's model folders, which the scorer adds to bare ids. */
  static final String MODEL_PREFIX = "model_";

  private PgdlModelConfigs() {}

  /**
   * The models of {@code file}, ordered by id (numerically where both ids end in a number).
   *
   * @throws DataException naming the file and the field, if the file is missing, is not JSON, or a
   *     model lacks {@code hparams}, {@code metrics}, {@code train_acc}, {@code test_acc}, a
   *     hyperparameter's {@code current_value} or {@code possible_values}, or has one of the wrong
   *     type
   */
  public static List<PgdlModelSpec> read(Path file) {
    JsonNode root = PgdlJson.read(file);
    if (!root.isObject()) {
      throw PgdlJson.bad(file, "the top level", "is not an object of models keyed by id");
    }
    if (root.isEmpty()) {
      throw PgdlJson.bad(file, "the top level", "lists no model");
    }
    List<PgdlModelSpec> models = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      PgdlModelSpec model = model(file, entry.getKey(), entry.getValue());
      if (!ids.add(model.id())) {
        throw PgdlJson.bad(
            file, "model '" + entry.getKey() + "'", "is listed twice (as " + model.id() + ")");
      }
      models.add(model);
    }
    models.sort(Comparator.comparing(PgdlModelSpec::id, PgdlModelConfigs::compareIds));
    return List.copyOf(models);
  }

  /** The folder name PGDL gives a model keyed {@code key}: {@code model_<key>} unless it has it. */
  static String modelId(String key) {
    return key.contains("model") ? key : MODEL_PREFIX + key;
  }

  private static PgdlModelSpec model(Path file, String key, JsonNode node) {
    String where = "model '" + key + "'";
    if (!node.isObject()) {
      throw PgdlJson.bad(file, where, "is not an object with hparams and metrics");
    }
    JsonNode hparams = node.get("hparams");
    if (hparams == null || !hparams.isObject()) {
      throw PgdlJson.bad(
          file, where + " field 'hparams'", hparams == null ? "is missing" : "is not an object");
    }
    List<PgdlHyperparameter> hyperparameters = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = hparams.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      hyperparameters.add(
          hyperparameter(
              file, where + " hparams." + entry.getKey(), entry.getKey(), entry.getValue()));
    }
    hyperparameters.sort(Comparator.comparing(PgdlHyperparameter::name));

    JsonNode metricsNode = node.get("metrics");
    if (metricsNode == null || !metricsNode.isObject()) {
      throw PgdlJson.bad(
          file,
          where + " field 'metrics'",
          metricsNode == null ? "is missing" : "is not an object");
    }
    List<PgdlMetric> metrics = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metricsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getValue().isNumber() && Double.isFinite(entry.getValue().doubleValue())) {
        metrics.add(new PgdlMetric(entry.getKey(), entry.getValue().doubleValue()));
      }
    }
    metrics.sort(Comparator.comparing(PgdlMetric::name));
    double train = accuracy(file, where, metricsNode, "train_acc");
    double test = accuracy(file, where, metricsNode, "test_acc");
    return new PgdlModelSpec(modelId(key), hyperparameters, metrics, train, test);
  }

  private static PgdlHyperparameter hyperparameter(
      Path file, String where, String name, JsonNode node) {
    if (!node.isObject()) {
      throw PgdlJson.bad(file, where, "is not an object with current_value and possible_values");
    }
    JsonNode current = node.get("current_value");
    PgdlValue value = current == null ? null : value(current);
    if (value == null) {
      throw PgdlJson.bad(
          file, where + ".current_value", current == null ? "is missing" : "is null");
    }
    JsonNode possible = node.get("possible_values");
    if (possible == null || !possible.isArray()) {
      throw PgdlJson.bad(
          file,
          where + ".possible_values",
          possible == null ? "is missing" : "is not a list of values");
    }
    List<PgdlValue> values = new ArrayList<>();
    for (JsonNode element : possible) {
      PgdlValue v = value(element);
      if (v == null) {
        throw PgdlJson.bad(file, where + ".possible_values", "holds a null");
      }
      values.add(v);
    }
    if (!values.contains(value)) {
      throw PgdlJson.bad(
          file,
          where + ".current_value",
          "is " + value + ", not one of the possible values " + values);
    }
    return new PgdlHyperparameter(name, value, values);
  }

  private static double accuracy(Path file, String where, JsonNode metrics, String key) {
    JsonNode node = metrics.get(key);
    if (node == null) {
      throw PgdlJson.bad(file, where + " metrics." + key, "is missing");
    }
    if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw PgdlJson.bad(
          file,
          where + " metrics." + key,
          "is not a finite number: " + Printable.quote(node.toString(), 40));
    }
    return node.doubleValue();
  }

  /** Orders {@code model_2} before {@code model_10}; other ids alphabetically. */
  static int compareIds(String a, String b) {
    String na = trailingDigits(a);
    String nb = trailingDigits(b);
    String pa = a.substring(0, a.length() - na.length());
    String pb = b.substring(0, b.length() - nb.length());
    if (!na.isEmpty() && !nb.isEmpty() && pa.equals(pb)) {
      String sa = na.replaceFirst("^0+(?=.)", "");
      String sb = nb.replaceFirst("^0+(?=.)", "");
      int byLength = Integer.compare(sa.length(), sb.length());
      if (byLength != 0) {
        return byLength;
      }
      int byDigits = sa.compareTo(sb);
      if (byDigits != 0) {
        return byDigits;
      }
    }
    return a.compareTo(b);
  }

  private static String trailingDigits(String s) {
    int i = s.length();
    while (i > 0 && Character.isDigit(s.charAt(i - 1)) && s.charAt(i - 1) < 128) {
      i--;
    }
    return s.substring(i);
  }

  /** The value of {@code node}, or {@code null} if it is JSON {@code null}. */
  private static PgdlValue value(JsonNode node) {
    if (node.isNumber()) {
      return new PgdlValue.Numeric(node.doubleValue());
    }
    if (node.isTextual()) {
      return new PgdlValue.Text(node.textValue());
    }
    if (node.isBoolean()) {
      return new PgdlValue.Flag(node.booleanValue());
    }
    if (node.isContainerNode()) {
      return new PgdlValue.Structured(node.toString());
    }
    return null;
  }
}
