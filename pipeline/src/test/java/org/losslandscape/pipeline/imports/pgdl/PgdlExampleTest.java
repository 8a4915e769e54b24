package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.data.DataException;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The example decoding beyond what TensorFlow's {@code serialize_tensor} wrote into the fixture:
 * the value-by-value tensor encoding, shapes of rank 1 and 2, and each malformed record named.
 */
class PgdlExampleTest {

  @TempDir Path folder;

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
    for (long d : dims) {
      b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return b.build();
  }

  /** A float tensor with its values packed in tensor_content, as serialize_tensor writes it. */
  private static ByteString packedFloats(float[] values, long... dims) {
    ByteBuffer content = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      content.putFloat(v);
    }
    return TensorProto.newBuilder()
        .setDtype(DataType.DT_FLOAT)
        .setTensorShape(shape(dims))
        .setTensorContent(ByteString.copyFrom(content.array()))
        .build()
        .toByteString();
  }

  /** A float tensor with its values one by one in float_val. */
  private static ByteString listedFloats(float[] values, long... dims) {
    TensorProto.Builder b =
        TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims));
    for (float v : values) {
      b.addFloatVal(v);
    }
    return b.build().toByteString();
  }

  private static ByteString label(int value) {
    return TensorProto.newBuilder()
        .setDtype(DataType.DT_INT32)
        .setTensorShape(shape())
        .addIntVal(value)
        .build()
        .toByteString();
  }

  private static Feature bytes(ByteString value) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(value)).build();
  }

  private static byte[] example(Feature inputs, Feature output) {
    Features.Builder f = Features.newBuilder();
    if (inputs != null) {
      f.putFeature("inputs", inputs);
    }
    if (output != null) {
      f.putFeature("output", output);
    }
    return Example.newBuilder().setFeatures(f).build().toByteArray();
  }

  private Path shard(String name, byte[]... records) throws IOException {
    return Files.write(folder.resolve(name), TfRecordWriter.encode(List.of(records)));
  }

  @Test
  void readsBothTensorEncodingsAndRanks() throws IOException {
    float[] a = {0.5f, -1f, 2f, 3.25f, 0f, 1e-3f};
    float[] b = {1f, 2f, 3f, 4f, 5f, 6f};
    Path s0 = shard("shard_0.tfrecord", example(bytes(packedFloats(a, 2, 3)), bytes(label(4))));
    Path s1 = shard("shard_1.tfrecord", example(bytes(listedFloats(b, 2, 3)), bytes(label(1))));
    PgdlDataset data = PgdlDataset.read(List.of(s0, s1), Optional.empty());
    assertThat(data.inputShape()).isEqualTo(new InputShape(2, 3, 1));
    assertThat(data.data().features())
        .containsExactly(0.5f, -1f, 2f, 3.25f, 0f, 1e-3f, 1f, 2f, 3f, 4f, 5f, 6f);
    assertThat(data.data().labels()).containsExactly(4, 1);
    assertThat(data.classCount()).isEqualTo(5);

    Path flat = shard("flat.tfrecord", example(bytes(packedFloats(a, 6)), bytes(label(0))));
    assertThat(PgdlDataset.read(List.of(flat), Optional.empty()).inputShape())
        .isEqualTo(InputShape.flat(6));
  }

  @Test
  void manyExamplesGrowTheArraysInOrder() throws IOException {
    byte[][] records = new byte[40][];
    for (int i = 0; i < records.length; i++) {
      records[i] = example(bytes(packedFloats(new float[] {i, -i}, 2)), bytes(label(i % 3)));
    }
    PgdlDataset data =
        PgdlDataset.read(List.of(shard("many.tfrecord", records)), Optional.of(InputShape.flat(2)));
    assertThat(data.data().count()).isEqualTo(40);
    for (int i = 0; i < 40; i++) {
      assertThat(data.data().features()[2 * i]).isEqualTo(i);
      assertThat(data.data().features()[2 * i + 1]).isEqualTo(-i);
      assertThat(data.data().labels()[i]).isEqualTo(i % 3);
    }
  }

  @Test
  void eachMalformedRecordIsNamed() throws IOException {
    float[] four = {1, 2, 3, 4};
    ByteString image = packedFloats(four, 2, 2);
    Feature floatList =
        Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(1f)).build();
    ByteString int64Label =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_INT64)
            .setTensorShape(shape())
            .addInt64Val(1)
            .build()
            .toByteString();
    ByteString ragged =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_FLOAT)
            .setTensorShape(shape(2, 2))
            .setTensorContent(ByteString.copyFrom(new byte[15]))
            .build()
            .toByteString();
    List<Object[]> cases =
        List.of(
            new Object[] {example(null, bytes(label(1))), "it has no feature 'inputs'"},
            new Object[] {example(bytes(image), null), "it has no feature 'output'"},
            new Object[] {
              example(floatList, bytes(label(1))),
              "feature 'inputs' is not one bytes value (a serialized tensor) but a float list"
            },
            new Object[] {
              example(bytes(image), bytes(int64Label)),
              "feature 'output': its type is DT_INT64, not DT_FLOAT or DT_INT32"
            },
            new Object[] {
              example(bytes(label(3)), bytes(label(1))), "feature 'inputs' is not a float32 tensor"
            },
            new Object[] {example(bytes(image), bytes(label(-2))), "the label is negative (-2)"},
            new Object[] {
              example(bytes(ragged), bytes(label(1))),
              "feature 'inputs': its shape holds 4 values but it stores a ragged 3"
            },
            new Object[] {
              example(bytes(packedFloats(four, 1, 1, 2, 2)), bytes(label(1))),
              "the image has rank 4, not 1, 2 or 3"
            },
            new Object[] {
              example(bytes(ByteString.copyFromUtf8("\u00ff\u00ff")), bytes(label(1))),
              "feature 'inputs': not a serialized tensor"
            },
            new Object[] {new byte[] {(byte) 0xff}, "it is not a tf.train.Example"});
    for (int c = 0; c < cases.size(); c++) {
      byte[] good = example(bytes(image), bytes(label(0)));
      Path file = shard("case" + c + ".tfrecord", good, (byte[]) cases.get(c)[0]);
      assertThatThrownBy(() -> PgdlDataset.read(List.of(file), Optional.empty()))
          .as("case %d", c)
          .isInstanceOf(DataException.class)
          .hasMessageStartingWith(
              "PGDL data file " + file + ", record 1 (0-based): " + cases.get(c)[1])
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void anExampleOfAnotherShapeThanTheModelsIsRefused() throws IOException {
    Path file =
        shard(
            "shard_0.tfrecord",
            example(bytes(packedFloats(new float[4], 2, 2, 1)), bytes(label(0))));
    assertThatThrownBy(
            () -> PgdlDataset.read(List.of(file), Optional.of(InputShape.fashionMnist())))
        .isInstanceOf(DataException.class)
        .hasMessage(
            "PGDL data file "
                + file
                + ", record 0: the image has shape 2x2x1 but the models' input_shape is 28x28x1;"
                + " every example of a task must have its models' input shape");
  }

  @Test
  void shardsWithoutRecordsAreRefused() throws IOException {
    Path file = shard("shard_0.tfrecord");
    assertThatThrownBy(() -> PgdlDataset.read(List.of(file), Optional.empty()))
        .isInstanceOf(DataException.class)
        .hasMessage("PGDL data set " + file + " holds no example; no shard has a record");
  }
}
