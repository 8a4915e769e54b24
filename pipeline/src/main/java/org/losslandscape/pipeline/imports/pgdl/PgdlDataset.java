package org.losslandscape.pipeline.imports.pgdl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.Printable;

/**
 * The examples of a PGDL data set split ({@code dataset_1/train} or {@code dataset_1/test}), read
 * from its TFRecord shards.
 *
 * <p>Each record is a {@code tf.train.Example} with two bytes features, as the competition's data
 * manager parses them: {@code inputs}, a {@code tf.io.serialize_tensor} of the float32 image in the
 * shape of the models' {@code input_shape} (height, width, channels: channels-last, so its
 * row-major values are already this tool's NHWC row), and {@code output}, a serialized int32
 * scalar: the class index. Other feature encodings (a float list, an int64 label) are not PGDL's
 * and are refused.
 *
 * @param data the images, one NHWC row each, and their labels, in shard order then record order
 * @param inputShape the shape every example has
 * @param classCount the number of classes the labels imply: the largest label plus one (the data do
 *     not say how many classes the models have; a split may lack the last ones)
 */
public record PgdlDataset(LabeledData data, InputShape inputShape, int classCount) {

  /**
   * Reads every record of {@code shards}, in that order.
   *
   * @param shards the TFRecord files of one split; at least one, together holding an example
   * @param expectedShape the shape the task's models take, if known: every example must have it
   * @throws DataException naming the file and record of the first example that cannot be read, has
   *     a shape other than the first one's (or than {@code expectedShape}), or a negative label
   */
  public static PgdlDataset read(List<Path> shards, Optional<InputShape> expectedShape) {
    if (shards.isEmpty()) {
      throw new DataException("a PGDL data set needs at least one shard_*.tfrecord file");
    }
    Accumulator examples = new Accumulator(expectedShape.orElse(null));
    for (Path shard : shards) {
      try (TfRecordReader reader = TfRecordReader.open(shard)) {
        for (byte[] record = reader.next(); record != null; record = reader.next()) {
          examples.add(PgdlExample.decode(record, shard, reader.recordsRead() - 1), shard);
        }
      }
    }
    return examples.finish(shards);
  }

  /** Grows the feature and label arrays as examples come, checking that their shapes agree. */
  private static final class Accumulator {
    /** The most floats one Java array holds (a little below Integer.MAX_VALUE). */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    private InputShape shape;
    private String shapeSource;
    private float[] features = new float[0];
    private int[] labels = new int[0];
    private int count;
    private int maxLabel = -1;

    Accumulator(InputShape expected) {
      this.shape = expected;
      this.shapeSource = "the models' input_shape";
    }

    void add(PgdlExample example, Path shard) {
      if (shape == null) {
        shape = example.shape();
        shapeSource = "the first example's";
      } else if (!shape.equals(example.shape())) {
        throw new DataException(
            Printable.oneLine(
                "PGDL data file "
                    + shard
                    + ", record "
                    + example.index()
                    + ": the image has shape "
                    + example.shape()
                    + " but "
                    + shapeSource
                    + " is "
                    + shape
                    + "; every example of a task must have its models' input shape"));
      }
      int size = shape.size();
      if (count == labels.length) {
        grow(size, shard);
      }
      System.arraycopy(example.image(), 0, features, count * size, size);
      labels[count] = example.label();
      maxLabel = Math.max(maxLabel, example.label());
      count++;
    }

    private void grow(int size, Path shard) {
      long grown = Math.max(16L, 2L * labels.length);
      long values = grown * size;
      if (values > MAX_VALUES) {
        grown = MAX_VALUES / size;
        if (grown <= count) {
          throw new DataException(
              Printable.oneLine(
                  "PGDL data set with "
                      + shard
                      + ": more than "
                      + count
                      + " examples of "
                      + size
                      + " values do not fit in one Java array; use fewer shards"));
        }
      }
      labels = Arrays.copyOf(labels, (int) grown);
      features = Arrays.copyOf(features, (int) grown * size);
    }

    PgdlDataset finish(List<Path> shards) {
      if (count == 0) {
        List<String> names = new ArrayList<>();
        shards.forEach(s -> names.add(s.toString()));
        throw new DataException(
            Printable.oneLine(
                "PGDL data set "
                    + String.join(", ", names)
                    + " holds no example; no shard has a record"));
      }
      int size = shape.size();
      LabeledData data =
          new LabeledData(
              Arrays.copyOf(features, count * size), Arrays.copyOf(labels, count), size);
      return new PgdlDataset(data, shape, maxLabel + 1);
    }
  }
}
