package org.losslandscape.pipeline.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.TensorSpec;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.NetworkSpecJson;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * A model on disk: {@code model.json} (architecture, parameter names, order, shapes, activation)
 * and {@code weights/<name>.npy} (float32, TensorFlow's {@code [in, out]} layout). Anyone can load
 * it with numpy; {@code loss-landscape landscape --weights DIR} reads it back.
 *
 * <p>Models made elsewhere are welcome: {@code model.json} needs only {@code input_size}, {@code
 * hidden} and {@code classes} (see {@link ModelDescription}), and each weight file may be any real
 * numeric {@code .npy} in C or Fortran order (see {@link Npy}), so {@code np.save(path,
 * layer.weight.detach().numpy().T)} of a PyTorch {@code Linear} layer works as is. Kernels are
 * {@code [in, out]} and biases {@code [out]}, named {@code dense<i>.kernel} and {@code
 * dense<i>.bias}.
 */
public final class ModelFiles {

  static final String MODEL_JSON = "model.json";
  static final String WEIGHTS = "weights";

  private ModelFiles() {}

  /**
   * Writes {@code parameters} under {@code dir}, without provenance (weights of unknown origin).
   */
  public static void write(Path dir, Parameters parameters) {
    write(dir, parameters, null);
  }

  /** Writes {@code parameters} and what produced them under {@code dir}. */
  public static void write(Path dir, Parameters parameters, Provenance provenance) {
    writeTensors(dir.resolve(WEIGHTS), parameters);
    if (parameters.architecture() instanceof LayeredNetwork layered) {
      writeLayered(dir, layered, parameters, provenance);
      return;
    }
    MlpArchitecture a = MlpArchitecture.of(parameters.architecture());
    List<ModelFile.TensorFile> tensors = new ArrayList<>();
    for (Parameter p : parameters.tensors()) {
      tensors.add(new ModelFile.TensorFile(p.name(), p.shape(), "weights/" + p.name() + ".npy"));
    }
    Json.write(
        dir.resolve(MODEL_JSON),
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

  private static void writeLayered(
      Path dir, LayeredNetwork network, Parameters parameters, Provenance provenance) {
    List<ModelFile.TensorFile> tensors = new ArrayList<>();
    for (Parameter p : parameters.tensors()) {
      tensors.add(new ModelFile.TensorFile(p.name(), p.shape(), "weights/" + p.name() + ".npy"));
    }
    List<ModelFile.TensorFile> state = new ArrayList<>();
    for (int i = 0; i < network.stateSpecs().size(); i++) {
      TensorSpec t = network.stateSpecs().get(i);
      AtomicFiles.write(
          dir.resolve(WEIGHTS).resolve(t.name() + ".npy"),
          Npy.encodeFloat32(t.shape(), network.state().get(i)));
      state.add(new ModelFile.TensorFile(t.name(), t.shape(), "weights/" + t.name() + ".npy"));
    }
    InputShape in = network.inputShape();
    Json.write(
        dir.resolve(MODEL_JSON),
        new NetworkModelFile(
            NetworkModelFile.FORMAT,
            network.toString(),
            network.describe(),
            new int[] {in.height(), in.width(), in.channels()},
            network.classes(),
            NetworkSpecJson.toJson(network.toString(), network.spec()),
            tensors,
            state,
            provenance));
  }

  /** The network a {@link NetworkModelFile} describes, with its batch-norm statistics. */
  private static LayeredNetwork readLayered(JsonNode model, Path description) {
    JsonNode shape = model.path("input_shape");
    if (!shape.isArray() || shape.size() != 3 || !model.path("classes").canConvertToInt()) {
      throw new ResultsException(
          description + ": a network model needs input_shape [h, w, c] and classes");
    }
    String name = model.path("name").asText("network");
    NetworkSpecJson.NamedSpec spec =
        NetworkSpecJson.parse(model.get("network"), description + " (network)", name);
    LayeredNetwork network;
    try {
      network =
          new LayeredNetwork(
              name,
              spec.spec(),
              new InputShape(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt()),
              model.path("classes").asInt());
    } catch (IllegalArgumentException e) {
      throw new ResultsException(description + ": " + e.getMessage(), e);
    }
    Path weights = description.resolveSibling(WEIGHTS);
    List<float[]> state = new ArrayList<>();
    for (TensorSpec t : network.stateSpecs()) {
      state.add(readTensor(weights, t.name(), t.shape(), network).values());
    }
    return network.withState(state);
  }

  /**
   * The provenance recorded in {@code dir/model.json}, if the weights were trained by this tool; a
   * file without one (weights written elsewhere) gives empty.
   */
  public static Optional<Provenance> readProvenance(Path dir) {
    JsonNode provenance = Json.read(dir.resolve(MODEL_JSON)).path("provenance");
    if (provenance.isMissingNode() || provenance.isNull()) {
      return Optional.empty();
    }
    return Optional.of(Json.read(dir.resolve(MODEL_JSON), ModelFile.class).provenance());
  }

  /** Writes each tensor of {@code parameters} as {@code <name>.npy} into {@code dir}. */
  public static void writeTensors(Path dir, Parameters parameters) {
    for (Parameter p : parameters.tensors()) {
      AtomicFiles.write(dir.resolve(p.name() + ".npy"), Npy.encodeFloat32(p.shape(), p.values()));
    }
  }

  /**
   * Reads a model written by {@link #write}, or by hand or from Python (see the class comment);
   * every inconsistency is a one-line {@link ResultsException} naming the file.
   *
   * <p>Non-finite weights (NaN, infinities) are refused: nothing the tool computes from such a
   * model is meaningful (every loss on the slice is NaN, filter normalization divides by NaN
   * norms), so it is better to say so before any work starts. The tool never caches a diverged run,
   * so its own files are always finite.
   *
   * @throws ResultsException if the folder, {@code model.json} or a weight file is missing or
   *     malformed, a tensor has the wrong shape for the architecture, or a weight is not finite
   */
  public static Parameters read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ResultsException(
          "--weights " + dir + " is not a directory (expected model.json and weights/)");
    }
    Path description = dir.resolve(MODEL_JSON);
    JsonNode model = Json.read(description);
    Network architecture =
        NetworkModelFile.FORMAT.equals(model.path("format").asText())
            ? readLayered(model, description)
            : ModelDescription.architecture(model, description);
    return readTensors(dir.resolve(WEIGHTS), architecture);
  }

  /**
   * Reads the tensors written by {@link #writeTensors} for {@code architecture} from {@code dir}
   * (e.g. a run's {@code checkpoints/step-<n>/}), with the checks of {@link #read}.
   *
   * @throws ResultsException if a file is missing or malformed, has the wrong shape, or holds a
   *     weight that is not finite
   */
  public static Parameters readTensors(Path dir, Network architecture) {
    List<Parameter> tensors = new ArrayList<>();
    List<int[]> shapes = architecture.parameterShapes();
    List<String> names = architecture.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      tensors.add(readTensor(dir, names.get(i), shapes.get(i), architecture));
    }
    return new Parameters(architecture, tensors);
  }

  private static Parameter readTensor(Path dir, String name, int[] shape, Network architecture) {
    Path file = dir.resolve(name + ".npy");
    if (!Files.isRegularFile(file)) {
      throw new ResultsException(
          "missing weight file "
              + file
              + " (expected shape "
              + Arrays.toString(shape)
              + " for architecture "
              + architecture
              + ")");
    }
    NpyArray.Float32 array = Npy.readFloat32(file);
    if (!Arrays.equals(array.shape(), shape)) {
      throw new ResultsException(
          file
              + ": expected shape "
              + Arrays.toString(shape)
              + " for architecture "
              + architecture
              + ", found "
              + Arrays.toString(array.shape())
              + (isTransposed(array.shape(), shape)
                  ? "; a kernel is [in, out], so save a PyTorch Linear weight ([out, in])"
                      + " transposed: np.save(path, layer.weight.detach().numpy().T)"
                  : ""));
    }
    float[] values = array.data();
    for (int k = 0; k < values.length; k++) {
      if (!Float.isFinite(values[k])) {
        throw new ResultsException(
            file
                + " holds "
                + values[k]
                + " at "
                + Arrays.toString(multiIndex(shape, k))
                + "; a model needs finite weights for a loss landscape (was it saved after training"
                + " diverged? float64 values beyond ±3.4e38 also become infinite in float32)");
      }
    }
    return new Parameter(name, shape, values);
  }

  private static boolean isTransposed(int[] found, int[] expected) {
    return found.length == 2
        && expected.length == 2
        && found[0] == expected[1]
        && found[1] == expected[0];
  }

  /** The C-order multi-index of flat position {@code flat} in {@code shape}. */
  private static int[] multiIndex(int[] shape, int flat) {
    int[] index = new int[shape.length];
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = flat % shape[axis];
      flat /= shape[axis];
    }
    return index;
  }
}
