package org.losslandscape.pipeline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reads the parts of a fixture {@code .keras} archive and writes edited archives for tests. */
final class KerasFileEditing {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private KerasFileEditing() {}

  /** The {@code config.json} of a fixture model's archive, as an editable tree. */
  static ObjectNode config(String model) {
    try {
      return (ObjectNode) MAPPER.readTree(entry(model, "config.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code model.weights.h5} of a fixture model's archive. */
  static byte[] weights(String model) {
    return entry(model, "model.weights.h5");
  }

  private static byte[] entry(String model, String name) {
    try (ZipFile zip = new ZipFile(KerasFixtures.model(model, KerasFixtures.ARCHIVE).toFile())) {
      return zip.getInputStream(zip.getEntry(name)).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The layer named {@code name} in a config's layer list. */
  static ObjectNode layer(JsonNode config, String name) {
    for (JsonNode layer : config.path("config").path("layers")) {
      if (layer.path("config").path("name").asText().equals(name)) {
        return (ObjectNode) layer;
      }
    }
    throw new IllegalArgumentException("no layer " + name);
  }

  /** Writes a {@code .keras} archive with the given parts; a null part is left out. */
  static Path archive(Path target, JsonNode config, byte[] weights) {
    try (OutputStream file = Files.newOutputStream(target);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      if (config != null) {
        zip.putNextEntry(new ZipEntry("config.json"));
        zip.write(MAPPER.writeValueAsBytes(config));
        zip.closeEntry();
      }
      if (weights != null) {
        zip.putNextEntry(new ZipEntry("model.weights.h5"));
        zip.write(weights);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * Copies the layers' variables of a fixture archive's weights into a new HDF5 file at the same
   * paths ({@code layers/<group>/vars/<i>}) but without the {@code name} attributes, as archives of
   * Keras versions that did not write them; {@code poison} (a dataset path or null) gets a NaN as
   * its first value.
   */
  static byte[] weightsWithoutNames(String model, Path scratch, String poison) {
    Path original = scratch.resolve("original.h5");
    Path copy = scratch.resolve("copy.h5");
    try {
      Files.write(original, weights(model));
      try (HdfFile source = new HdfFile(original);
          WritableHdfFile target = HdfFile.write(copy)) {
        WritableGroup layers = target.putGroup("layers");
        for (Node layer : (Group) source.getChild("layers")) {
          Group vars = (Group) ((Group) layer).getChild("vars");
          if (vars.getChildren().isEmpty()) {
            continue;
          }
          WritableGroup targetVars = layers.putGroup(layer.getName()).putGroup("vars");
          for (Node variable : vars) {
            Object data = ((Dataset) variable).getData();
            if (variable.getPath().equals(poison)) {
              data = poisoned(data);
            }
            targetVars.putDataset(variable.getName(), data);
          }
        }
      }
      return Files.readAllBytes(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code data} (a float array of any rank) with NaN as its first value. */
  private static Object poisoned(Object data) {
    Object inner = data;
    while (inner instanceof Object[] rows) {
      inner = rows[0];
    }
    ((float[]) inner)[0] = Float.NaN;
    return data;
  }
}
