package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.data.FashionMnistFiles;
import org.losslandscape.pipeline.data.IdxImages;
import org.losslandscape.pipeline.data.IdxLabels;
import org.losslandscape.pipeline.data.IdxReader;
import org.losslandscape.pipeline.data.IdxWriter;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.PreprocessingSummary;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * Whole studies on data sets that are not Fashion-MNIST's 28x28 images in ten classes, both made
 * here from the committed subset: an IDX folder of 12x12 images (the centre 24x24 averaged over 2x2
 * blocks) in five classes (label mod 5), and one npy pair of 7x7 RGB-like float images (three
 * channels made from 4x4 blocks) saved channels-first. Each trains, slices and writes a valid
 * summary whose network is built for the data: 144-16-5 and 147-16-10.
 */
class OtherDataSetsIT {

  @TempDir static Path tmp;

  static StudyRun idx;
  static StudyRun npy;

  record StudyRun(int exit, String err, Path out) {}

  @BeforeAll
  static void runBothStudies() throws Exception {
    Path subset = Path.of(OtherDataSetsIT.class.getResource("/fashion-mnist-subset").toURI());
    IdxImages trainImages =
        IdxReader.readImages(subset.resolve(FashionMnistFiles.TRAIN_IMAGES + ".gz"));
    IdxLabels trainLabels =
        IdxReader.readLabels(subset.resolve(FashionMnistFiles.TRAIN_LABELS + ".gz"));
    IdxImages testImages =
        IdxReader.readImages(subset.resolve(FashionMnistFiles.TEST_IMAGES + ".gz"));
    IdxLabels testLabels =
        IdxReader.readLabels(subset.resolve(FashionMnistFiles.TEST_LABELS + ".gz"));

    Path idxDir = Files.createDirectories(tmp.resolve("small-idx"));
    IdxWriter.writeImages(
        idxDir.resolve(FashionMnistFiles.TRAIN_IMAGES + ".gz"),
        twelveByTwelve(trainImages),
        IdxWriter.Compression.GZIP);
    IdxWriter.writeLabels(
        idxDir.resolve(FashionMnistFiles.TRAIN_LABELS),
        modFive(trainLabels),
        IdxWriter.Compression.NONE);
    IdxWriter.writeImages(
        idxDir.resolve(FashionMnistFiles.TEST_IMAGES),
        twelveByTwelve(testImages),
        IdxWriter.Compression.NONE);
    IdxWriter.writeLabels(
        idxDir.resolve(FashionMnistFiles.TEST_LABELS + ".gz"),
        modFive(testLabels),
        IdxWriter.Compression.GZIP);
    idx = run("idx", "--data-dir", idxDir.toString());

    int n = 1400;
    Path images = tmp.resolve("images.npy");
    Npy.writeFloat32(images, new int[] {n, 3, 7, 7}, threeChannelsFirst(trainImages, n));
    Path labels = tmp.resolve("labels.npy");
    Files.write(labels, int64Labels(trainLabels, n));
    npy = run("npy", "--data-npy", images + "," + labels, "--data-layout", "nchw");
  }

  private static StudyRun run(String name, String... data) {
    Path out = tmp.resolve(name + "-results");
    List<String> args = new ArrayList<>(List.of(data));
    args.addAll(
        List.of(
            "--out",
            out.toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            "--configs",
            "high_lr_small_batch",
            "--steps",
            "30",
            "--seeds",
            "1",
            "--hidden",
            "16",
            "--grid-size",
            "5",
            "--landscape-samples",
            "100",
            "--direction-pairs",
            "1",
            "--eps",
            "1.0",
            "--measures",
            "none",
            "--no-plots",
            "--device",
            "cpu",
            "--lanes",
            "1",
            "--progress",
            "log"));
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    return new StudyRun(exit, err.toString(), out);
  }

  /** The centre 24x24 pixels of each 28x28 image, averaged over 2x2 blocks. */
  private static IdxImages twelveByTwelve(IdxImages images) {
    byte[] out = new byte[images.count() * 144];
    for (int i = 0; i < images.count(); i++) {
      for (int y = 0; y < 12; y++) {
        for (int x = 0; x < 12; x++) {
          int sum = 0;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              int row = 2 + 2 * y + dy;
              int col = 2 + 2 * x + dx;
              sum += Byte.toUnsignedInt(images.pixels()[i * 784 + row * 28 + col]);
            }
          }
          out[i * 144 + y * 12 + x] = (byte) Math.round(sum / 4.0);
        }
      }
    }
    return new IdxImages(images.count(), 12, 12, out);
  }

  private static IdxLabels modFive(IdxLabels labels) {
    byte[] out = new byte[labels.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (labels.labels()[i] % 5);
    }
    return new IdxLabels(labels.count(), out);
  }

  /**
   * The first {@code n} images as 7x7 averages of 4x4 blocks, in [0, 1], in three channels (the
   * image, its negative, its square), channels-first: {@code [n, 3, 7, 7]}.
   */
  private static float[] threeChannelsFirst(IdxImages images, int n) {
    float[] out = new float[n * 3 * 49];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < 7; y++) {
        for (int x = 0; x < 7; x++) {
          double sum = 0;
          for (int dy = 0; dy < 4; dy++) {
            for (int dx = 0; dx < 4; dx++) {
              sum += Byte.toUnsignedInt(images.pixels()[i * 784 + (4 * y + dy) * 28 + 4 * x + dx]);
            }
          }
          float v = (float) (sum / 16 / 255);
          out[((i * 3) * 7 + y) * 7 + x] = v;
          out[((i * 3 + 1) * 7 + y) * 7 + x] = 1 - v;
          out[((i * 3 + 2) * 7 + y) * 7 + x] = v * v;
        }
      }
    }
    return out;
  }

  /** The first {@code n} labels as a numpy int64 vector, as {@code np.save} writes it. */
  private static byte[] int64Labels(IdxLabels labels, int n) {
    String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + n + ",), }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer file =
        ByteBuffer.allocate(10 + header.length() + n * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    file.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < n; i++) {
      file.putLong(labels.labels()[i]);
    }
    return file.array();
  }

  @Test
  void anIdxSetOfTwelveByTwelveImagesInFiveClassesTrainsA144To5Network() {
    assertThat(idx.exit()).as(idx.err()).isZero();
    JsonNode summary = SummarySchema.assertValid(idx.out().resolve("summary.json"));
    JsonNode data = summary.path("data");
    assertThat(data.path("input_shape").toString()).isEqualTo("[12,12,1]");
    assertThat(data.path("classes").asInt()).isEqualTo(5);
    assertThat(data.path("train_samples").asInt()).isEqualTo(3000);
    assertThat(data.path("test_samples").asInt()).isEqualTo(1000);
    assertThat(data.path("files")).hasSize(4);
    assertThat(summary.path("model").path("architecture").asText()).isEqualTo("144-16-5");
    assertThat(summary.path("preprocessing").path("formula").asText())
        .isEqualTo(PreprocessingSummary.FORMULA);
    Path model = idx.out().resolve("high_lr_small_batch");
    JsonNode description = Json.read(model.resolve("model.json"));
    assertThat(description.path("input_size").asInt()).isEqualTo(144);
    assertThat(description.path("classes").asInt()).isEqualTo(5);
    assertThat(Npy.read(model.resolve("weights/dense0.kernel.npy")).shape())
        .containsExactly(144, 16);
    assertThat(Npy.read(model.resolve("loss.npy")).shape()).containsExactly(5, 5);
    JsonNode config = summary.path("configs").get(0);
    assertThat(config.path("test_accuracy").asDouble())
        .as("30 steps learn something of five classes")
        .isGreaterThan(0.3);
  }

  @Test
  void anNpyPairOfChannelsFirstFloatImagesIsSplitAndTrainsA147To10Network() {
    assertThat(npy.exit()).as(npy.err()).isZero();
    JsonNode summary = SummarySchema.assertValid(npy.out().resolve("summary.json"));
    JsonNode data = summary.path("data");
    assertThat(data.path("input_shape").toString()).isEqualTo("[7,7,3]");
    assertThat(data.path("classes").asInt()).isEqualTo(10);
    assertThat(data.path("train_samples").asInt()).isEqualTo(1200);
    assertThat(data.path("test_samples").asInt()).isEqualTo(200);
    assertThat(data.path("files")).hasSize(2);
    assertThat(data.path("source").asText()).contains("nchw, every 7th example held out for test");
    assertThat(summary.path("model").path("architecture").asText()).isEqualTo("147-16-10");
    assertThat(summary.path("preprocessing").path("formula").asText())
        .isEqualTo(PreprocessingSummary.REAL_VALUES_FORMULA);
    assertThat(Npy.read(npy.out().resolve("high_lr_small_batch/weights/dense0.kernel.npy")).shape())
        .containsExactly(147, 16);
  }
}
