package org.losslandscape.pipeline.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * A model on disk: {@code model.json} (architecture, parameter names, order, shapes, activation)
 * and {@code weights/<name>.npy} (float32, TensorFlow's {@code [in, out]} layout). Anyone can load
 * it with numpy; {@code loss-landscape landscape --weights DIR} reads it back.
 */
public final class ModelFiles {

  private ModelFiles() {}

  /**
   * Writes {@code parameters} under {@code dir}, without provenance (weights of unknown origin).
   */
  public static void write(Path dir, Parameters parameters) {
    write(dir, parameters, null);
  }

  /** Writes {@code parameters} and what produced them under {@code dir}. */
  public static void write(Path dir, Parameters parameters, Provenance provenance) {
    writeTensors(dir.resolve("weights"), parameters);
    MlpArchitecture a = parameters.architecture();
    List<ModelFile.TensorFile> tensors = new ArrayList<>();
    for (Parameter p : parameters.tensors()) {
      tensors.add(new ModelFile.TensorFile(p.name(), p.shape(), "weights/" + p.name() + ".npy"));
    }
    Json.write(
        dir.resolve("model.json"),
        new ModelFile(
            ModelFile.FORMAT,
            a.toString(),
            a.inputSize(),
            a.hidden(),
            a.classes(),
            "relu",
            "logits; loss = mean softmax cross-entropy",
            "layer i: h = relu(h @ dense<i>.kernel + dense<i>.bias), kernel [in, out], no relu after"
                + " the last layer",
            tensors,
            provenance));
  }

  /**
   * The provenance recorded in {@code dir/model.json}, if the weights were trained by this tool; a
   * file without one (weights written elsewhere) gives empty.
   */
  public static Optional<Provenance> readProvenance(Path dir) {
    JsonNode provenance = Json.read(dir.resolve("model.json")).path("provenance");
    if (provenance.isMissingNode() || provenance.isNull()) {
      return Optional.empty();
    }
    return Optional.of(Json.read(dir.resolve("model.json"), ModelFile.class).provenance());
  }

  /** Writes each tensor of {@code parameters} as {@code <name>.npy} into {@code dir}. */
  public static void writeTensors(Path dir, Parameters parameters) {
    for (Parameter p : parameters.tensors()) {
      AtomicFiles.write(dir.resolve(p.name() + ".npy"), Npy.encodeFloat32(p.shape(), p.values()));
    }
  }

  /**
   * Reads a model written by {@link #write}; every inconsistency is a one-line error naming the
   * file.
   */
  public static Parameters read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ResultsException(
          "--weights " + dir + " is not a directory (expected model.json and weights/)");
    }
    JsonNode model = Json.read(dir.resolve("model.json"));
    List<Integer> hidden = new ArrayList<>();
    model.path("hidden").forEach(h -> hidden.add(h.asInt()));
    MlpArchitecture architecture;
    try {
      architecture =
          new MlpArchitecture(
              model.path("input_size").asInt(), hidden, model.path("classes").asInt());
    } catch (IllegalArgumentException e) {
      throw new ResultsException(dir.resolve("model.json") + ": " + e.getMessage());
    }
    return readTensors(dir.resolve("weights"), architecture);
  }

  /**
   * Reads the tensors written by {@link #writeTensors} for {@code architecture} from {@code dir}; a
   * missing file or a wrong dtype or shape is a one-line error naming the file.
   */
  public static Parameters readTensors(Path dir, MlpArchitecture architecture) {
    List<Parameter> tensors = new ArrayList<>();
    List<int[]> shapes = architecture.parameterShapes();
    List<String> names = architecture.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      Path file = dir.resolve(names.get(i) + ".npy");
      if (!Files.isRegularFile(file)) {
        throw new ResultsException("missing weight file " + file);
      }
      NpyArray array = Npy.read(file);
      if (!java.util.Arrays.equals(array.shape(), shapes.get(i))
          || !(array instanceof NpyArray.Float32)) {
        throw new ResultsException(
            file
                + ": expected float32 "
                + java.util.Arrays.toString(shapes.get(i))
                + " for architecture "
                + architecture
                + ", found "
                + array.dtype()
                + " "
                + java.util.Arrays.toString(array.shape()));
      }
      tensors.add(new Parameter(names.get(i), shapes.get(i), array.asFloat32().data()));
    }
    return new Parameters(architecture, tensors);
  }
}
