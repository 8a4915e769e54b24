package org.losslandscape.pipeline.results;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.DiskFullException;
import org.losslandscape.pipeline.io.PendingWrites;

/**
 * Finished slices kept between runs, so that a run killed during the landscapes resumes where it
 * stopped and reaches the numbers an uninterrupted run gives, to the last bit.
 *
 * <p>An entry is keyed by a hash of everything that determines the grid: the weights' values, the
 * direction spec, the grid, the samples (the data's checksum and the chosen indices) and the
 * evaluator with its thread settings (float sums depend on them). It holds the grid's losses and
 * accuracies in double precision, so a reused slice is the computed one, not a float32 copy; it is
 * written atomically, so a killed run leaves no entry a later run would trust, and read and written
 * under the folder's {@link CacheLock}, so studies sharing the folder never write one entry at
 * once. A full disk stops the run ({@link DiskFullException}); any other failure to write only
 * costs a recomputation next time.
 */
public final class SliceCache {

  /**
   * Bump when the landscape evaluator's numerics change, so that old entries are not reused. 2: a
   * layered network's slice shares its first layer where that pays, and {@code --bn-mode batch}
   * takes the statistics of batches of 128 samples. 3: the MLP's logits are {@code (h W + b)^T}
   * (the same values to float rounding, summed in another order).
   */
  static final String EVALUATOR_VERSION = "decomposed-3";

  private static final int MAGIC = 0x4c4c5331; // "LLS1"
  private static final Logger LOG = LogManager.getLogger(SliceCache.class);

  private final Path root;
  private final CacheLock lock;

  /** A cache in {@code root}. */
  public SliceCache(Path root) {
    this.root = root;
    this.lock = new CacheLock(root);
  }

  /** The key of one slice, as a hex SHA-256. */
  public static String key(
      Parameters centre,
      DirectionSpec directions,
      GridSpec grid,
      String samplesDescription,
      String executionDescription) {
    MessageDigest sha = sha256();
    update(sha, EVALUATOR_VERSION);
    // describe(), not the name: it holds the layers and, on a slice, the batch-norm mode.
    update(sha, centre.architecture().describe());
    // Batch norm's stored statistics are part of the model the slice evaluates.
    for (float[] state : centre.architecture().state()) {
      for (float v : state) {
        update(sha, Integer.toHexString(Float.floatToRawIntBits(v)));
      }
    }
    ByteBuffer floats = ByteBuffer.allocate(4 * 4096);
    for (Parameter p : centre.tensors()) {
      update(sha, p.name());
      for (float v : p.values()) {
        if (!floats.hasRemaining()) {
          sha.update(floats.array(), 0, floats.position());
          floats.clear();
        }
        floats.putFloat(v);
      }
    }
    sha.update(floats.array(), 0, floats.position());
    update(sha, directions.toString());
    update(sha, grid.toString());
    update(sha, samplesDescription);
    update(sha, executionDescription);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** A hex SHA-256 of the chosen examples: their indices, features and labels. */
  public static String fingerprint(int[] indices, LabeledData data) {
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(4 * 4096);
    for (int[] ints : new int[][] {indices, data.labels()}) {
      for (int v : ints) {
        if (!buffer.hasRemaining()) {
          sha.update(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        buffer.putInt(v);
      }
    }
    for (float v : data.features()) {
      if (!buffer.hasRemaining()) {
        sha.update(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      buffer.putFloat(v);
    }
    sha.update(buffer.array(), 0, buffer.position());
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The cached grid for {@code key}, if a complete entry for this grid spec exists. */
  public Optional<LandscapeGrid> load(String key, GridSpec spec) {
    Path file = root.resolve(key + ".grid");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] stored;
    try {
      stored = lock.shared(() -> Files.isRegularFile(file) ? Files.readAllBytes(file) : null);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable cached slice {}: {}", file, e.getMessage());
      return Optional.empty();
    }
    if (stored == null) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      int n = spec.size();
      if (in.readInt() != MAGIC || in.readInt() != n) {
        throw new IOException("not a slice of a " + n + "x" + n + " grid");
      }
      int samples = in.readInt();
      double[][] loss = new double[n][n];
      double[][] accuracy = new double[n][n];
      for (double[][] values : new double[][][] {loss, accuracy}) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            values[i][j] = in.readDouble();
          }
        }
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return Optional.of(new LandscapeGrid(spec, loss, accuracy, samples));
    } catch (IOException e) {
      LOG.warn("ignoring unreadable cached slice {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Stores {@code grid} under {@code key}; a failure to cache only costs a recomputation, except a
   * full disk, which would fail everything after.
   *
   * @throws DiskFullException if the disk holding the cache is full (the entry is not written)
   */
  public void store(String key, LandscapeGrid grid) {
    int n = grid.spec().size();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + 16 * n * n);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(n);
      out.writeInt(grid.samples());
      for (double[][] values : new double[][][] {grid.loss(), grid.accuracy()}) {
        for (double[] row : values) {
          for (double v : row) {
            out.writeDouble(v);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    Path file = root.resolve(key + ".grid");
    try {
      // The write gate first, then the folder's lock, in the order the weights cache takes them.
      PendingWrites.process()
          .run(
              () ->
                  lock.exclusive(
                      () -> {
                        // Holding the lock, this is the only writer: a temporary of this entry
                        // now was left by a run killed while writing it.
                        removeTemporariesOf(file);
                        AtomicFiles.write(file, bytes.toByteArray());
                        return null;
                      }));
    } catch (IOException | RuntimeException e) {
      if (AtomicFiles.isDiskFull(e)) {
        throw DiskFullException.inCache("a finished slice", root, e);
      }
      LOG.warn(
          "could not cache a finished slice in {} ({}); a rerun will compute it again",
          root,
          e.getMessage());
    }
  }

  private static void removeTemporariesOf(Path file) throws IOException {
    if (!Files.isDirectory(file.getParent())) {
      return;
    }
    String prefix = "." + file.getFileName() + ".tmp-";
    try (Stream<Path> entries = Files.list(file.getParent())) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(p);
        LOG.info("removed {}, left by an interrupted earlier run", p);
      }
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
