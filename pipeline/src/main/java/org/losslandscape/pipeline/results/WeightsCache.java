package org.losslandscape.pipeline.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.training.Checkpoint;
import org.losslandscape.models.training.TrainingConfig;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.models.training.TrainingStatus;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.DiskFullException;
import org.losslandscape.pipeline.io.PendingWrites;

/**
 * Trained weights kept between runs, keyed by a hash of everything that determines them: the data,
 * the architecture and initialization, the optimizer, the budget, the seed, the device and thread
 * settings, and the trainer's version. A second run of the same study skips training.
 *
 * <p>An entry is written into a temporary folder and renamed into place, so an interrupted run
 * never leaves a half-written entry that a later run would trust. Entries are read and written
 * under the folder's {@link CacheLock}, so studies that share the folder, in this process or
 * others, never write at once and never read an entry that is being replaced. A full disk stops the
 * run ({@link DiskFullException}); any other failure to write only costs a retrain next time.
 */
public final class WeightsCache {

  /**
   * Bump when the trainer's numerics or the key's contents change, so that old entries are not
   * reused. "stacked-2": the key now holds the weight decay, dropout and training-set size; before,
   * two sweep settings that differed only in one of them shared an entry, and whichever was written
   * last was reused for both. "stacked-3": the key holds the data's input shape, since data sets
   * other than Fashion-MNIST are read (the same bytes as 28x28x1 and 14x14x4 are different inputs).
   * "stacked-4": a stacked model's bias gradients are summed as a batched product, not a {@code
   * ReduceSum} (weights differ at rounding level, and after many steps by more).
   */
  static final String TRAINER_VERSION = "stacked-4";

  private static final Logger LOG = LogManager.getLogger(WeightsCache.class);

  /** The sub-folder of an entry holding its checkpoints, if the run kept any. */
  private static final String CHECKPOINTS = "checkpoints";

  private final Path root;
  private final CacheLock lock;

  /** The cache kept in {@code root} (created when the first entry is stored). */
  public WeightsCache(Path root) {
    this.root = root;
    this.lock = new CacheLock(root);
  }

  /**
   * The cache key of a training run, as a hex SHA-256. The data's classes are in the network's
   * description ({@code 784-128-64-10}), its shape is given on its own.
   */
  public static String key(
      String dataFingerprint,
      InputShape inputShape,
      Parameters initial,
      String initialization,
      TrainingConfig config,
      String executionDescription) {
    String description =
        String.join(
            "|",
            TRAINER_VERSION,
            dataFingerprint,
            inputShape.toString(),
            initial.architecture().describe(),
            initialization,
            Double.toString(config.learningRate()),
            Integer.toString(config.batchSize()),
            Double.toString(config.momentum()),
            Double.toString(config.weightDecay()),
            Double.toString(config.dropout()),
            Integer.toString(config.trainExamples()),
            config.schedule().label(),
            Double.toString(config.schedule().warmupFraction()),
            config.budget().toString(),
            Long.toString(config.seed()),
            Double.toString(config.divergenceLimit()),
            config.optimizer().label(),
            executionDescription);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(description.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The cached result for {@code key}, if a complete entry exists. When {@code config} asks for
   * checkpoints, only an entry that kept the same number of them counts (the key leaves them out,
   * because they do not change the weights).
   */
  public Optional<TrainingResult> load(String key, TrainingConfig config) {
    Path dir = root.resolve(key);
    if (!Files.isRegularFile(dir.resolve("training.json"))) {
      return Optional.empty();
    }
    try {
      return lock.shared(() -> loadLocked(dir, config));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable cache entry {}: {}", dir, e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<TrainingResult> loadLocked(Path dir, TrainingConfig config) {
    if (!Files.isRegularFile(dir.resolve("training.json"))) {
      return Optional.empty(); // replaced or removed while this thread waited for the lock
    }
    Parameters parameters = ModelFiles.read(dir);
    List<Checkpoint> checkpoints = List.of();
    if (config.checkpoints() > 0) {
      Path folder = dir.resolve(CHECKPOINTS);
      Optional<CheckpointIndex> index = CheckpointFiles.index(folder);
      if (index.isEmpty() || index.get().requested() != config.checkpoints()) {
        LOG.info(
            "{}: the cached weights were kept without {} checkpoints; training again to keep"
                + " them",
            config.name(),
            config.checkpoints());
        return Optional.empty();
      }
      checkpoints = CheckpointFiles.read(folder, parameters.architecture());
    }
    TrainingRecord t = Json.read(dir.resolve("training.json"), TrainingRecord.class);
    return Optional.of(
        new TrainingResult(
            config,
            parameters,
            TrainingStatus.valueOf(t.status().toUpperCase(java.util.Locale.ROOT)),
            t.steps(),
            t.epochs(),
            t.curve(),
            t.seconds(),
            t.message(),
            checkpoints));
  }

  /**
   * Stores {@code result} under {@code key}, replacing an entry of that key; a failure to cache
   * only costs a retrain next time, except a full disk, which would fail everything after.
   *
   * @throws DiskFullException if the disk holding the cache is full (nothing of the entry is left)
   */
  public void store(String key, TrainingResult result, Provenance provenance) {
    Path target = root.resolve(key);
    Path temp = root.resolve("." + key + ".tmp-" + ProcessHandle.current().pid());
    try {
      PendingWrites.process()
          .run(
              () ->
                  lock.exclusive(
                      () -> {
                        storeLocked(key, result, provenance, target, temp);
                        return null;
                      }));
    } catch (IOException | RuntimeException e) {
      if (AtomicFiles.isDiskFull(e)) {
        throw DiskFullException.inCache("the trained weights", root, e);
      }
      LOG.warn(
          "could not cache trained weights in {} ({}); the next run will train again",
          root,
          e.getMessage());
    }
  }

  private void storeLocked(
      String key, TrainingResult result, Provenance provenance, Path target, Path temp)
      throws IOException {
    Files.createDirectories(root);
    // Holding the lock, this is the only writer: any other temporary folder of this entry was left
    // by a run that was killed while writing it.
    removeTemporariesOf(key);
    PendingWrites.process().register(temp);
    try {
      ModelFiles.write(temp, result.parameters(), provenance);
      if (!result.checkpoints().isEmpty()) {
        CheckpointFiles.write(
            temp.resolve(CHECKPOINTS), result.checkpoints(), result.config().checkpoints());
      }
      Json.write(temp.resolve("training.json"), TrainingRecord.of(result));
      deleteRecursively(target);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        deleteRecursively(temp);
      } catch (IOException ignored) {
        // best effort: a leftover temp folder is never read as an entry
      }
      throw e;
    } finally {
      PendingWrites.process().unregister(temp);
    }
  }

  private void removeTemporariesOf(String key) throws IOException {
    String prefix = "." + key + ".tmp-";
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        deleteRecursively(p);
        LOG.info("removed {}, left by an interrupted earlier run", p);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
