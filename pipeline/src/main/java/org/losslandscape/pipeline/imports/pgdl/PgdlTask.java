package org.losslandscape.pipeline.imports.pgdl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.Printable;

/**
 * A PGDL task folder: a group of trained models with their hyperparameters and measured
 * generalization gaps, and the data set they were trained on.
 *
 * <p>The layout is the competition's public data ({@code public_data.zip} of the NeurIPS 2020
 * "Predicting Generalization in Deep Learning" competition), as its ingestion and scoring programs
 * read it:
 *
 * <pre>
 * input_data/&lt;task&gt;/                       the task folder given to {@link #read}
 *     dataset_1/train/shard_*.tfrecord     the training data ({@link PgdlDataset})
 *     dataset_1/test/shard_*.tfrecord      test data (optional here)
 *     model_&lt;id&gt;/config.json             the architecture ({@link PgdlModelConfig})
 *     model_&lt;id&gt;/weights.hdf5            trained weights (Keras HDF5 weights file)
 *     model_&lt;id&gt;/weights_init.hdf5       initial weights (optional)
 * reference_data/&lt;task&gt;/model_configs.json  hyperparameters and metrics ({@link PgdlModelConfigs})
 * </pre>
 *
 * <p>{@code model_configs.json} is looked for in the task folder first (the ingestion program's
 * description puts it there, and its model listing skips names containing "json" for that reason),
 * then in {@code ../../reference_data/<task>/} (where the scoring program reads it). Every folder
 * named {@code model_*} must have an entry in it and every entry a folder. The shards are taken in
 * the order of their numbers; the ingestion program globs them (no defined order) and reads them
 * all.
 *
 * @param name the task's name (its folder's name)
 * @param folder the task folder
 * @param modelConfigsFile the {@code model_configs.json} read
 * @param models every model, ordered by id (numerically)
 * @param inputShape the input shape all models share
 * @param trainShards the training shards, by shard number
 * @param testShards the test shards, by shard number (empty when the task has none)
 */
public record PgdlTask(
    String name,
    Path folder,
    Path modelConfigsFile,
    List<PgdlModel> models,
    InputShape inputShape,
    List<Path> trainShards,
    List<Path> testShards) {

  public PgdlTask {
    models = List.copyOf(models);
    trainShards = List.copyOf(trainShards);
    testShards = List.copyOf(testShards);
  }

  /** The data folder of a task (PGDL tasks have one). */
  public static final String DATASET = "dataset_1";

  /**
   * Reads the task in {@code taskFolder}: its models' hyperparameters, metrics and configurations,
   * and where its weight files and data shards are. The data themselves are read by {@link
   * #readTrainingData} and {@link #readTestData}.
   *
   * @throws DataException naming the file or folder and the field, if anything the layout requires
   *     is missing or malformed
   */
  public static PgdlTask read(Path taskFolder) {
    if (!Files.isDirectory(taskFolder)) {
      throw new DataException(
          Printable.oneLine(
              "PGDL task folder "
                  + taskFolder
                  + " does not exist or is not a folder; give input_data/<task> of the PGDL data"));
    }
    Path absolute = taskFolder.toAbsolutePath().normalize();
    String name =
        absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
    Path configsFile = modelConfigsFile(absolute, name);
    List<PgdlModelSpec> specs = PgdlModelConfigs.read(configsFile);
    Map<String, Path> folders =
        list(
                absolute,
                p ->
                    Files.isDirectory(p)
                        && p.getFileName().toString().startsWith(PgdlModelConfigs.MODEL_PREFIX))
            .stream()
            .collect(Collectors.toMap(p -> p.getFileName().toString(), Function.identity()));
    for (String folderName :
        folders.keySet().stream().sorted(PgdlModelConfigs::compareIds).toList()) {
      if (specs.stream().noneMatch(s -> s.id().equals(folderName))) {
        throw new DataException(
            Printable.oneLine(
                "PGDL task "
                    + absolute
                    + ": model folder "
                    + folderName
                    + " has no entry in "
                    + configsFile
                    + "; every model needs its hyperparameters and metrics there"));
      }
    }
    List<PgdlModel> models = new ArrayList<>();
    InputShape shape = null;
    Path shapeFile = null;
    for (PgdlModelSpec spec : specs) {
      Path modelFolder = folders.get(spec.id());
      if (modelFolder == null) {
        throw new DataException(
            Printable.oneLine(
                configsFile
                    + " lists model "
                    + spec.id()
                    + " but its folder "
                    + absolute.resolve(spec.id())
                    + " is missing"));
      }
      PgdlModel model = model(spec, modelFolder);
      if (shape == null) {
        shape = model.config().inputShape();
        shapeFile = model.files().config();
      } else if (!shape.equals(model.config().inputShape())) {
        throw PgdlJson.bad(
            model.files().config(),
            "field 'input_shape'",
            "is "
                + model.config().inputShape()
                + " but "
                + shapeFile
                + " has "
                + shape
                + "; a task's models share one data set and so one input shape");
      }
      models.add(model);
    }
    Path dataset = absolute.resolve(DATASET);
    List<Path> train = shards(dataset.resolve("train"));
    if (train.isEmpty()) {
      throw new DataException(
          Printable.oneLine(
              "PGDL task "
                  + absolute
                  + ": no training data, "
                  + dataset.resolve("train")
                  + " has no shard_*.tfrecord file"));
    }
    return new PgdlTask(
        name, absolute, configsFile, models, shape, train, shards(dataset.resolve("test")));
  }

  /** The training examples, checked against the models' input shape. */
  public PgdlDataset readTrainingData() {
    return PgdlDataset.read(trainShards, Optional.of(inputShape));
  }

  /** The test examples, if the task has test shards. */
  public Optional<PgdlDataset> readTestData() {
    return testShards.isEmpty()
        ? Optional.empty()
        : Optional.of(PgdlDataset.read(testShards, Optional.of(inputShape)));
  }

  private static Path modelConfigsFile(Path folder, String name) {
    Path inFolder = folder.resolve(PgdlModelConfigs.FILE_NAME);
    if (Files.isRegularFile(inFolder)) {
      return inFolder;
    }
    Path root = folder.getParent() == null ? null : folder.getParent().getParent();
    Path reference =
        root == null
            ? null
            : root.resolve("reference_data").resolve(name).resolve(PgdlModelConfigs.FILE_NAME);
    if (reference != null && Files.isRegularFile(reference)) {
      return reference;
    }
    throw new DataException(
        Printable.oneLine(
            "PGDL task "
                + folder
                + ": no "
                + PgdlModelConfigs.FILE_NAME
                + ", looked for "
                + inFolder
                + (reference == null ? "" : " and " + reference)
                + "; it holds the models' hyperparameters and accuracies"));
  }

  private static PgdlModel model(PgdlModelSpec spec, Path folder) {
    Path config = folder.resolve(PgdlModelConfig.FILE_NAME);
    if (!Files.isRegularFile(config)) {
      throw new DataException(
          Printable.oneLine("PGDL model " + spec.id() + ": missing file " + config));
    }
    Path weights = folder.resolve(PgdlModelFiles.WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      throw new DataException(
          Printable.oneLine(
              "PGDL model " + spec.id() + ": missing file " + weights + " (its trained weights)"));
    }
    Path initial = folder.resolve(PgdlModelFiles.INITIAL_WEIGHTS);
    PgdlModelFiles files =
        new PgdlModelFiles(
            folder,
            config,
            weights,
            Files.isRegularFile(initial) ? Optional.of(initial) : Optional.empty());
    return new PgdlModel(spec, PgdlModelConfig.read(config), files);
  }

  /** The {@code shard_*.tfrecord} files of {@code folder} by shard number; none if no folder. */
  private static List<Path> shards(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    return list(
            folder,
            p -> {
              String n = p.getFileName().toString();
              return Files.isRegularFile(p) && n.startsWith("shard_") && n.endsWith(".tfrecord");
            })
        .stream()
        .sorted(
            Comparator.comparing(
                p -> stem(p.getFileName().toString()), PgdlModelConfigs::compareIds))
        .toList();
  }

  private static String stem(String fileName) {
    return fileName.substring(0, fileName.length() - ".tfrecord".length());
  }

  private static List<Path> list(Path folder, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(keep).toList();
    } catch (IOException e) {
      throw new DataException(
          Printable.oneLine("cannot list PGDL folder " + folder + ": " + e.getMessage()), e);
    }
  }
}
