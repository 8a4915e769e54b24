package org.losslandscape.pipeline.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Reads the architecture out of a {@code model.json}, strictly: a field of the wrong type is an
 * error, never silently read as 0 or an empty list (Jackson's {@code asInt()} would turn {@code
 * "784"}, {@code 784.5} or {@code 1e20} into some number without complaint).
 *
 * <p>Required: {@code input_size} and {@code classes} (whole numbers) and {@code hidden} (a list of
 * whole numbers, empty for softmax regression). Optional, but checked when present because a
 * mismatch means the file describes some other model: {@code format} (must be {@value
 * ModelFile#FORMAT}), {@code activation} (must be {@code relu}) and {@code parameters} (each
 * entry's {@code name}, {@code shape} and {@code file} must be what the architecture implies).
 * Other fields are descriptions for people and are ignored.
 */
final class ModelDescription {

  private ModelDescription() {}

  /**
   * The architecture {@code model} describes.
   *
   * @param file the {@code model.json} it was read from, for messages
   * @throws ResultsException naming the file and the field if anything is missing or mistyped
   */
  static MlpArchitecture architecture(JsonNode model, Path file) {
    if (!model.isObject()) {
      throw new ResultsException(
          file + " must hold a JSON object, found " + model.getNodeType().toString().toLowerCase());
    }
    requireTextIfPresent(model, "format", ModelFile.FORMAT, file);
    requireTextIfPresent(model, "activation", "relu", file);
    int inputSize = wholeNumber(model.get("input_size"), "input_size", file);
    int classes = wholeNumber(model.get("classes"), "classes", file);
    JsonNode hiddenNode = model.get("hidden");
    if (hiddenNode == null || !hiddenNode.isArray()) {
      throw new ResultsException(
          file
              + ": hidden must be a list of layer widths ([] for none), found "
              + shown(hiddenNode));
    }
    List<Integer> hidden = new ArrayList<>();
    for (int i = 0; i < hiddenNode.size(); i++) {
      hidden.add(wholeNumber(hiddenNode.get(i), "hidden[" + i + "]", file));
    }
    MlpArchitecture architecture;
    try {
      architecture = new MlpArchitecture(inputSize, hidden, classes);
    } catch (IllegalArgumentException e) {
      throw new ResultsException(file + ": " + e.getMessage());
    }
    checkParameterListing(model.get("parameters"), architecture, file);
    return architecture;
  }

  private static void checkParameterListing(
      JsonNode listing, MlpArchitecture architecture, Path file) {
    if (listing == null) {
      return;
    }
    List<String> names = architecture.parameterNames();
    List<int[]> shapes = architecture.parameterShapes();
    if (!listing.isArray() || listing.size() != names.size()) {
      throw new ResultsException(
          file
              + ": parameters must list the "
              + names.size()
              + " tensors of architecture "
              + architecture
              + ", found "
              + shown(listing));
    }
    for (int i = 0; i < names.size(); i++) {
      JsonNode entry = listing.get(i);
      String where = file + ": parameters[" + i + "]";
      String expectedFile = ModelFiles.WEIGHTS + "/" + names.get(i) + ".npy";
      if (!entry.isObject()) {
        throw new ResultsException(where + " must be an object, found " + shown(entry));
      }
      JsonNode name = entry.get("name");
      if (name != null && !(name.isTextual() && name.asText().equals(names.get(i)))) {
        throw new ResultsException(
            where + ".name must be \"" + names.get(i) + "\" (graph order), found " + shown(name));
      }
      JsonNode shape = entry.get("shape");
      if (shape != null && !sameShape(shape, shapes.get(i))) {
        throw new ResultsException(
            where
                + ".shape must be "
                + Arrays.toString(shapes.get(i))
                + " for architecture "
                + architecture
                + ", found "
                + shown(shape));
      }
      JsonNode weightFile = entry.get("file");
      if (weightFile != null
          && !(weightFile.isTextual() && weightFile.asText().equals(expectedFile))) {
        throw new ResultsException(
            where + ".file must be \"" + expectedFile + "\", found " + shown(weightFile));
      }
    }
  }

  private static boolean sameShape(JsonNode shape, int[] expected) {
    if (!shape.isArray() || shape.size() != expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      JsonNode dimension = shape.get(i);
      if (!isWholeInt(dimension) || dimension.intValue() != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static void requireTextIfPresent(
      JsonNode model, String field, String expected, Path file) {
    JsonNode node = model.get(field);
    if (node != null && !(node.isTextual() && node.asText().equals(expected))) {
      throw new ResultsException(
          file + ": " + field + " must be \"" + expected + "\", found " + shown(node));
    }
  }

  /** A JSON number without a fractional part that fits in an int: 784 or 784.0, not "784". */
  private static int wholeNumber(JsonNode node, String field, Path file) {
    if (node == null) {
      throw new ResultsException(file + ": " + field + " is missing");
    }
    if (!isWholeInt(node)) {
      throw new ResultsException(
          file + ": " + field + " must be a whole number, found " + shown(node));
    }
    return node.intValue();
  }

  private static boolean isWholeInt(JsonNode node) {
    return node != null
        && node.isNumber()
        && node.canConvertToExactIntegral()
        && node.canConvertToInt();
  }

  /** A JSON value as it would be written, cut short so that the message stays one short line. */
  private static String shown(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    return Printable.quote(node.toString(), 60);
  }
}
