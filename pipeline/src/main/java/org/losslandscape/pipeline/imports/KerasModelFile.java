package org.losslandscape.pipeline.imports;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Reads a Keras model file, architecture and weights, into an {@link ImportedNetwork}:
 *
 * <ul>
 *   <li>a {@code .keras} archive (Keras 3's {@code model.save("m.keras")}): a zip with {@code
 *       config.json} and {@code model.weights.h5};
 *   <li>a legacy {@code .h5} file ({@code model.save("m.h5")}, Keras 2 or 3): HDF5 with the root
 *       attribute {@code model_config} and the group {@code model_weights}.
 * </ul>
 *
 * <p>The format is told by the file's first bytes, not its name. What the config may contain (the
 * layers, residual blocks, the dropped final softmax) is said in {@link KerasConfig}; each layer
 * with tensors keeps its Keras name, so a Conv2D named {@code conv2d_1} gives {@code
 * conv2d_1.kernel} and {@code conv2d_1.bias}. Anything else, and every inconsistency between the
 * config and the weights, is a one-line {@link ResultsException} naming the file (and the layer and
 * its Keras class where there is one).
 */
public final class KerasModelFile {

  private static final String CONFIG_ENTRY = "config.json";
  private static final String WEIGHTS_ENTRY = "model.weights.h5";

  /** The largest config or weights entry read from an archive into memory. */
  private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;

  private KerasModelFile() {}

  /**
   * True when {@code path} names a Keras model file by its extension ({@code .keras}, {@code .h5},
   * {@code .hdf5}) rather than a JSON network file or a model folder.
   */
  public static boolean isKerasFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".keras") || name.endsWith(".h5") || name.endsWith(".hdf5");
  }

  /**
   * Reads the model in {@code file}.
   *
   * @throws ResultsException if the file is missing, is neither a {@code .keras} archive nor a
   *     legacy {@code .h5} model, holds a layer or graph this reader does not map, or its weights
   *     do not fit its config
   */
  public static ImportedNetwork read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ResultsException(
          file + " is not a file (expected a Keras model: a .keras archive or a legacy .h5 file)");
    }
    String source = file.toString();
    try {
      return isZip(file) ? readArchive(file, source) : readLegacy(file, source);
    } catch (IOException e) {
      throw new ResultsException(
          source + ": cannot be read (" + KerasErrors.oneLine(e.getMessage()) + ")", e);
    }
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4
          && magic[0] == 'P'
          && magic[1] == 'K'
          && magic[2] == 3
          && magic[3] == 4;
    }
  }

  private static ImportedNetwork readArchive(Path file, String source) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String configText = new String(entry(zip, CONFIG_ENTRY, source), StandardCharsets.UTF_8);
      KerasArchitecture architecture = KerasConfig.parse(configText, source);
      byte[] weights = entry(zip, WEIGHTS_ENTRY, source);
      String weightsSource = source + " (" + WEIGHTS_ENTRY + ")";
      try (HdfFile hdf = HdfFile.fromBytes(weights)) {
        return imported(architecture, KerasWeights.fromArchive(hdf, architecture, weightsSource));
      } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
        throw new ResultsException(
            weightsSource
                + ": is not a readable HDF5 file ("
                + KerasErrors.oneLine(e.getMessage())
                + ")",
            e);
      }
    } catch (ZipException e) {
      throw new ResultsException(
          source
              + ": starts like a .keras archive but is not a readable zip ("
              + KerasErrors.oneLine(e.getMessage())
              + ")",
          e);
    }
  }

  private static byte[] entry(ZipFile zip, String name, String source) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new ResultsException(
          source
              + ": the archive has no "
              + name
              + " (a .keras file holds config.json and model.weights.h5)");
    }
    if (entry.getSize() > MAX_ENTRY_BYTES) {
      throw new ResultsException(
          source + ": " + name + " is " + entry.getSize() + " bytes, more than this reader takes");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes((int) MAX_ENTRY_BYTES);
      if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
        throw new ResultsException(
            source
                + ": "
                + name
                + " unpacks to "
                + bytes.length
                + " bytes, the archive says "
                + entry.getSize());
      }
      return bytes;
    }
  }

  /**
   * A model given as a Keras model config ({@code {"class_name": "Sequential", "config": ...}}) and
   * a separate legacy weights file ({@code model.save_weights("w.h5")}: the layer groups at the
   * root, or under {@code model_weights}), as PGDL tasks store their models.
   *
   * @throws ResultsException naming {@code weights} if the config or the weights do not fit
   */
  public static ImportedNetwork fromConfigAndWeights(
      com.fasterxml.jackson.databind.JsonNode config, Path weights) {
    String source = weights.toString();
    if (!Files.isRegularFile(weights)) {
      throw new ResultsException(source + " does not exist or is not a file");
    }
    try (HdfFile hdf = new HdfFile(weights)) {
      KerasArchitecture architecture = KerasConfig.parse(config, source);
      Group group = hdf.getChild("model_weights") instanceof Group inner ? inner : hdf;
      return imported(architecture, KerasWeights.fromLegacy(group, architecture, source));
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      throw new ResultsException(
          source
              + ": not a readable legacy Keras weights file (HDF5: "
              + KerasErrors.oneLine(e.getMessage())
              + ")",
          e);
    }
  }

  private static ImportedNetwork readLegacy(Path file, String source) {
    try (HdfFile hdf = new HdfFile(file)) {
      String config = KerasWeights.stringAttribute(hdf, "model_config");
      if (config == null) {
        throw new ResultsException(
            source
                + ": has no model_config attribute, so no architecture (weights saved with"
                + " save_weights?); save the whole model with model.save(\"model.h5\") or"
                + " model.save(\"model.keras\")");
      }
      KerasArchitecture architecture = KerasConfig.parse(config, source);
      if (!(hdf.getChild("model_weights") instanceof Group weights)) {
        throw new ResultsException(source + ": has a model_config but no model_weights group");
      }
      return imported(architecture, KerasWeights.fromLegacy(weights, architecture, source));
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      throw new ResultsException(
          source
              + ": is neither a .keras archive (zip) nor a readable legacy .h5 file (HDF5: "
              + KerasErrors.oneLine(e.getMessage())
              + ")",
          e);
    }
  }

  private static ImportedNetwork imported(KerasArchitecture architecture, List<Parameter> tensors) {
    return new ImportedNetwork(
        architecture.spec(), architecture.inputShape(), architecture.classes(), tensors);
  }
}
