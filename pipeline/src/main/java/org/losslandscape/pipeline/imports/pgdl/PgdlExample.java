package org.losslandscape.pipeline.imports.pgdl;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;
import org.losslandscape.pipeline.io.Printable;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * One decoded PGDL record: a {@code tf.train.Example} whose bytes feature {@code inputs} is a
 * serialized float32 image tensor and whose bytes feature {@code output} is a serialized int32
 * scalar label (see {@link PgdlDataset}).
 *
 * @param image the image's values, row-major in its own (channels-last) shape
 * @param shape the image's shape: rank 3 is (height, width, channels), rank 2 (height, width) has
 *     one channel, rank 1 is a flat feature vector
 * @param label the class index, never negative
 * @param index the record's 0-based index in its file
 */
record PgdlExample(float[] image, InputShape shape, int label, int index) {

  /** The image feature's key in PGDL's shards. */
  static final String INPUTS = "inputs";

  /** The label feature's key in PGDL's shards. */
  static final String OUTPUT = "output";

  /**
   * Decodes record {@code index} of {@code file}.
   *
   * @throws DataException naming the file, the record and what is wrong with it
   */
  static PgdlExample decode(byte[] record, Path file, int index) {
    Example example;
    try {
      example = Example.parseFrom(record);
    } catch (InvalidProtocolBufferException e) {
      throw bad(file, index, "it is not a tf.train.Example (" + e.getMessage() + ")");
    }
    SerializedTensor image = tensor(example, INPUTS, file, index);
    SerializedTensor label = tensor(example, OUTPUT, file, index);
    if (image.floats() == null) {
      throw bad(file, index, "feature '" + INPUTS + "' is not a float32 tensor");
    }
    if (label.ints() == null || label.count() != 1) {
      throw bad(
          file,
          index,
          "feature '" + OUTPUT + "' is not one int32 class index (" + label.count() + " values)");
    }
    if (label.ints()[0] < 0) {
      throw bad(file, index, "the label is negative (" + label.ints()[0] + ")");
    }
    return new PgdlExample(
        image.floats(), shape(image.shape(), file, index), label.ints()[0], index);
  }

  private static SerializedTensor tensor(Example example, String key, Path file, int index) {
    Feature feature = example.getFeatures().getFeatureMap().get(key);
    if (feature == null) {
      throw bad(file, index, "it has no feature '" + key + "'");
    }
    if (feature.getKindCase() != Feature.KindCase.BYTES_LIST
        || feature.getBytesList().getValueCount() != 1) {
      throw bad(
          file,
          index,
          "feature '"
              + key
              + "' is not one bytes value (a serialized tensor) but "
              + describe(feature));
    }
    ByteString bytes = feature.getBytesList().getValue(0);
    try {
      return SerializedTensor.parse(bytes);
    } catch (SerializedTensor.Malformed e) {
      throw bad(file, index, "feature '" + key + "': " + e.getMessage());
    }
  }

  private static String describe(Feature feature) {
    return switch (feature.getKindCase()) {
      case BYTES_LIST -> feature.getBytesList().getValueCount() + " bytes values";
      case FLOAT_LIST -> "a float list";
      case INT64_LIST -> "an int64 list";
      case KIND_NOT_SET -> "empty";
    };
  }

  private static InputShape shape(long[] dims, Path file, int index) {
    for (long d : dims) {
      if (d < 1 || d > Integer.MAX_VALUE) {
        throw bad(file, index, "the image has an empty or oversized dimension " + d);
      }
    }
    return switch (dims.length) {
      case 3 -> new InputShape((int) dims[0], (int) dims[1], (int) dims[2]);
      case 2 -> new InputShape((int) dims[0], (int) dims[1], 1);
      case 1 -> InputShape.flat((int) dims[0]);
      default -> throw bad(file, index, "the image has rank " + dims.length + ", not 1, 2 or 3");
    };
  }

  private static DataException bad(Path file, int index, String problem) {
    return new DataException(
        Printable.oneLine(
            "PGDL data file " + file + ", record " + index + " (0-based): " + problem));
  }
}
