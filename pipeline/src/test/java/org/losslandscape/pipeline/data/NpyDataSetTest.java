package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.DataSettings.Source.NpyArrays;
import org.losslandscape.pipeline.config.DataSettings.Source.TestArrays;
import org.losslandscape.pipeline.io.Npy;

/** {@link NpyDataSet}: tiny arrays written in the test, read back as data sets or refused. */
class NpyDataSetTest {

  @TempDir Path tmp;

  private static NpyArrays pair(Path images, Path labels, ArrayLayout layout) {
    return new NpyArrays(images, labels, Optional.empty(), layout);
  }

  private static NpyArrays four(
      Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
    return new NpyArrays(
        trainImages,
        trainLabels,
        Optional.of(new TestArrays(testImages, testLabels)),
        ArrayLayout.NHWC);
  }

  /** {@code count} values {@code i * 37 % 256}, a pattern no transposition leaves in place. */
  private static int[] levels(int count) {
    return IntStream.range(0, count).map(i -> i * 37 % 256).toArray();
  }

  private static long[] labels(int... values) {
    return IntStream.of(values).asLongStream().toArray();
  }

  @Test
  void uint8ImagesWithInt64LabelsInFourFilesAreLevelsOfTheirOwnShapeAndClasses() {
    int[] train = levels(5 * 3 * 2 * 3);
    Path trainImages = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {5, 3, 2, 3}, train);
    Path trainLabels = NpyBytes.int64(tmp.resolve("y.npy"), new int[] {5}, labels(0, 4, 2, 1, 3));
    Path testImages =
        NpyBytes.uint8(tmp.resolve("xt.npy"), new int[] {2, 3, 2, 3}, levels(2 * 3 * 2 * 3));
    Path testLabels = NpyBytes.int64(tmp.resolve("yt.npy"), new int[] {2}, labels(4, 0));

    ImageDataSet data = NpyDataSet.load(four(trainImages, trainLabels, testImages, testLabels));

    assertThat(data.inputShape()).isEqualTo(new InputShape(3, 2, 3));
    assertThat(data.classes()).isEqualTo(5);
    assertThat(data.train().count()).isEqualTo(5);
    assertThat(data.test().count()).isEqualTo(2);
    byte[] read = TinyDataSets.levels(data.train());
    for (int i = 0; i < train.length; i++) {
      assertThat(Byte.toUnsignedInt(read[i])).isEqualTo(train[i]);
    }
    assertThat(data.train().labels()).containsExactly(0, 4, 2, 1, 3);
    assertThat(data.files()).containsExactly(trainImages, trainLabels, testImages, testLabels);
    assertThat(data.source()).startsWith("--data-npy ").endsWith("(nhwc)");
  }

  @Test
  void rankThreeFloatImagesAreOneChannelRealValuesTakenAsGiven() {
    double[] values = {0.5, -1.25, 3e5, 7, 0, 1e-3, 2, 2};
    Path images = NpyBytes.float64(tmp.resolve("x.npy"), new int[] {2, 2, 2}, values);
    Path labels = NpyBytes.int64(tmp.resolve("y.npy"), new int[] {2}, labels(1, 0));

    LabeledImages split = NpyDataSet.split(images, labels, ArrayLayout.NHWC);

    assertThat(split.shape()).isEqualTo(new InputShape(2, 2, 1));
    float[] expected = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      expected[i] = (float) values[i];
    }
    assertThat(((Pixels.Reals) split.pixels()).values()).containsExactly(expected);
  }

  /** One pair is split by the documented rule: example i is a test example when i % 7 == 6. */
  @Test
  void onePairIsSplitEverySeventhExampleForTestInFileOrder() {
    int n = 20;
    int[] labelValues = IntStream.range(0, n).map(i -> i % 3).toArray();
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {n, 1, 2}, levels(n * 2));
    Path labels =
        NpyBytes.int64(
            tmp.resolve("y.npy"),
            new int[] {n},
            IntStream.of(labelValues).asLongStream().toArray());

    ImageDataSet data = NpyDataSet.load(pair(images, labels, ArrayLayout.NHWC));

    int[] testIndices = {6, 13};
    assertThat(data.test().labels())
        .containsExactly(IntStream.of(testIndices).map(i -> labelValues[i]).toArray());
    int[] trainIndices = IntStream.range(0, n).filter(i -> i % 7 != 6).toArray();
    assertThat(data.train().labels())
        .containsExactly(IntStream.of(trainIndices).map(i -> labelValues[i]).toArray());
    byte[] testPixels = TinyDataSets.levels(data.test());
    int[] all = levels(n * 2);
    assertThat(Byte.toUnsignedInt(testPixels[0])).isEqualTo(all[6 * 2]);
    assertThat(Byte.toUnsignedInt(testPixels[3])).isEqualTo(all[13 * 2 + 1]);
    assertThat(data.files()).containsExactly(images, labels);
    assertThat(data.source()).contains("every 7th example held out for test");
  }

  /** A file of NCHW images reads exactly as the same images saved NHWC. */
  @Test
  void nchwFilesReadAsTheSameImagesSavedNhwc() {
    int n = 3;
    int c = 3;
    int h = 4;
    int w = 5;
    float[] nchw = new float[n * c * h * w];
    new Random(11).ints(nchw.length, 0, 1000).forEach(new IntConsumerFill(nchw));
    float[] nhwc = slowNhwc(nchw, n, c, h, w);
    Path labels = NpyBytes.int64(tmp.resolve("y.npy"), new int[] {n}, labels(0, 1, 1));
    Npy.writeFloat32(tmp.resolve("nchw.npy"), new int[] {n, c, h, w}, nchw);
    Npy.writeFloat32(tmp.resolve("nhwc.npy"), new int[] {n, h, w, c}, nhwc);

    LabeledImages fromNchw = NpyDataSet.split(tmp.resolve("nchw.npy"), labels, ArrayLayout.NCHW);
    LabeledImages fromNhwc = NpyDataSet.split(tmp.resolve("nhwc.npy"), labels, ArrayLayout.NHWC);

    assertThat(fromNchw.shape()).isEqualTo(new InputShape(h, w, c)).isEqualTo(fromNhwc.shape());
    assertThat(((Pixels.Reals) fromNchw.pixels()).values())
        .containsExactly(((Pixels.Reals) fromNhwc.pixels()).values());
  }

  /** The transposition against the obvious nested loops over a 4-D array, for any shape. */
  @Property(tries = 200)
  void transpositionMatchesTheNestedLoopReference(
      @ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 5) int c,
      @ForAll @IntRange(min = 1, max = 6) int h,
      @ForAll @IntRange(min = 1, max = 6) int w,
      @ForAll long seed) {
    float[] nchw = new float[n * c * h * w];
    byte[] nchwLevels = new byte[nchw.length];
    Random random = new Random(seed);
    for (int i = 0; i < nchw.length; i++) {
      nchw[i] = random.nextFloat();
      nchwLevels[i] = (byte) random.nextInt(256);
    }
    InputShape shape = new InputShape(h, w, c);

    assertThat(NpyDataSet.nchwToNhwc(nchw, n, shape)).containsExactly(slowNhwc(nchw, n, c, h, w));
    float[] levelsAsFloats = new float[nchwLevels.length];
    for (int i = 0; i < nchwLevels.length; i++) {
      levelsAsFloats[i] = nchwLevels[i];
    }
    float[] expected = slowNhwc(levelsAsFloats, n, c, h, w);
    byte[] actual = NpyDataSet.nchwToNhwc(nchwLevels, n, shape);
    for (int i = 0; i < actual.length; i++) {
      assertThat((float) actual[i]).isEqualTo(expected[i]);
    }
  }

  /**
   * The reference: the NCHW values as a Java 4-D array {@code [n][c][h][w]}, then read back in NHWC
   * order, one index at a time.
   */
  private static float[] slowNhwc(float[] nchw, int n, int c, int h, int w) {
    float[][][][] array = new float[n][c][h][w];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            array[i][ch][y][x] = nchw[k++];
          }
        }
      }
    }
    float[] out = new float[nchw.length];
    k = 0;
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            out[k++] = array[i][ch][y][x];
          }
        }
      }
    }
    return out;
  }

  /** Fills a float array from an int stream, index by index. */
  private static final class IntConsumerFill implements java.util.function.IntConsumer {
    private final float[] target;
    private int next;

    IntConsumerFill(float[] target) {
      this.target = target;
    }

    @Override
    public void accept(int value) {
      target[next++] = value;
    }
  }

  // --- shapes that do not fit: each a one-line DataException naming the file ----------------

  private DataException refusal(NpyArrays arrays) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> NpyDataSet.load(arrays));
    assertThat(thrown).isInstanceOf(DataException.class);
    assertThat(thrown.getMessage()).doesNotContain("\n");
    return (DataException) thrown;
  }

  private Path labelsOf(String name, int... values) {
    return NpyBytes.int64(tmp.resolve(name), new int[] {values.length}, labels(values));
  }

  @Test
  void imageAndLabelCountsMustMatch() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {8, 2, 2}, levels(32));
    Path labels = labelsOf("y.npy", 0, 1, 0, 1, 0, 1, 0);

    assertThat(refusal(pair(images, labels, ArrayLayout.NHWC)))
        .hasMessage(
            images
                + " holds 8 images but "
                + labels
                + " holds 7 labels; give one label per image.");
  }

  @Test
  void emptyImagesAreRefused() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {0, 2, 2}, new int[0]);
    Path labels = NpyBytes.int64(tmp.resolve("y.npy"), new int[] {0}, new long[0]);

    assertThat(refusal(pair(images, labels, ArrayLayout.NHWC)))
        .hasMessageContaining(images + " holds no images: its shape is [0, 2, 2]");
  }

  @Test
  void rankTwoImagesAreRefusedWithTheReshapeToUse() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {8, 4}, levels(32));
    Path labels = labelsOf("y.npy", 0, 1, 0, 1, 0, 1, 0, 1);

    assertThat(refusal(pair(images, labels, ArrayLayout.NHWC)))
        .hasMessageContaining("(rank 2): images must be [n, h, w] or, with channels, [n, h, w, c]")
        .hasMessageContaining("reshape flat features to [n, 1, 1, features]");
  }

  @Test
  void nchwStatedForChannelsLastDataIsRefusedAndTheOtherLayoutNamed() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {7, 28, 28, 1}, levels(7 * 784));
    Path labels = labelsOf("y.npy", 0, 1, 0, 1, 0, 1, 0);

    assertThat(refusal(pair(images, labels, ArrayLayout.NCHW)))
        .hasMessage(
            "--data-layout nchw reads "
                + images
                + " of shape [7, 28, 28, 1] as 28 channels of 28x1 pixels, which looks like NHWC"
                + " data; use --data-layout nhwc.");
  }

  @Test
  void nhwcStatedForChannelsFirstDataIsRefusedToo() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {7, 3, 8, 8}, levels(7 * 192));
    Path labels = labelsOf("y.npy", 0, 1, 0, 1, 0, 1, 0);

    assertThat(refusal(pair(images, labels, ArrayLayout.NHWC)))
        .hasMessageContaining("as 8 channels of 3x8 pixels, which looks like NCHW data");
  }

  @Test
  void flatFeatureVectorsAsOneByOneImagesAreNotMistakenForAWrongLayout() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {7, 1, 1, 10}, levels(70));
    Path labels = labelsOf("y.npy", 0, 1, 0, 1, 0, 1, 0);

    assertThat(NpyDataSet.load(pair(images, labels, ArrayLayout.NHWC)).inputShape())
        .isEqualTo(InputShape.flat(10));
  }

  @Test
  void testImagesOfAnotherSizeAreRefused() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {2, 3, 3}, levels(18));
    Path testImages = NpyBytes.uint8(tmp.resolve("xt.npy"), new int[] {2, 4, 3}, levels(24));

    assertThat(refusal(four(images, labelsOf("y.npy", 0, 1), testImages, labelsOf("yt.npy", 0, 1))))
        .hasMessageContaining(
            "are 3x3x1 (height x width x channels) but test images in "
                + testImages
                + " are 4x3x1");
  }

  @Test
  void moreClassesInTestThanInTrainingAreRefused() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {2, 3, 3}, levels(18));
    Path testImages = NpyBytes.uint8(tmp.resolve("xt.npy"), new int[] {2, 3, 3}, levels(18));
    Path testLabels = labelsOf("yt.npy", 0, 5);

    assertThat(refusal(four(images, labelsOf("y.npy", 0, 1), testImages, testLabels)))
        .hasMessageContaining("The test labels in " + testLabels + " go up to 5")
        .hasMessageContaining("only to 1");
  }

  @Test
  void labelsMustBeNonNegativeIntegersInAVector() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {7, 2, 2}, levels(28));

    assertThat(refusal(pair(images, labelsOf("neg.npy", 0, 1, -1, 0, 1, 0, 1), ArrayLayout.NHWC)))
        .hasMessageContaining("holds the label -1 at index 2: labels must be class indices");
    Path floats = NpyBytes.float64(tmp.resolve("f.npy"), new int[] {7}, new double[7]);
    assertThat(refusal(pair(images, floats, ArrayLayout.NHWC)))
        .hasMessageContaining("holds floating-point numbers: labels must be integers");
    Path oneHot = NpyBytes.int64(tmp.resolve("h.npy"), new int[] {7, 2}, new long[14]);
    assertThat(refusal(pair(images, oneHot, ArrayLayout.NHWC)))
        .hasMessageContaining("holds an array of shape [7, 2]: labels must be a vector [n]");
  }

  @Test
  void integerImagesMustBeEightBitLevelsAndFloatImagesFinite() {
    Path labels = labelsOf("y.npy", 0, 1, 0, 1, 0, 1, 0);
    long[] wide = new long[28];
    wide[5] = 300;
    Path images = NpyBytes.int64(tmp.resolve("x.npy"), new int[] {7, 2, 2}, wide);
    assertThat(refusal(pair(images, labels, ArrayLayout.NHWC)))
        .hasMessageContaining("holds the integer 300 at C-order position 5")
        .hasMessageContaining("save other values as float32");

    double[] values = new double[28];
    values[3] = Double.NaN;
    Path nan = NpyBytes.float64(tmp.resolve("nan.npy"), new int[] {7, 2, 2}, values);
    assertThat(refusal(pair(nan, labels, ArrayLayout.NHWC)))
        .hasMessageContaining("holds NaN at C-order position 3: image values must be finite");
  }

  @Test
  void aPairTooSmallToSplitAndASingleClassAreRefused() {
    Path images = NpyBytes.uint8(tmp.resolve("x.npy"), new int[] {6, 2, 2}, levels(24));
    assertThat(refusal(pair(images, labelsOf("y.npy", 0, 1, 0, 1, 0, 1), ArrayLayout.NHWC)))
        .hasMessageContaining("holds 6 example(s): one pair of files is split by taking every 7th")
        .hasMessageContaining("give more examples, or four files");

    Path seven = NpyBytes.uint8(tmp.resolve("x7.npy"), new int[] {7, 2, 2}, levels(28));
    Path allZero = labelsOf("zeros.npy", 0, 0, 0, 0, 0, 0, 0);
    assertThat(refusal(pair(seven, allZero, ArrayLayout.NHWC)))
        .hasMessageContaining("Every training label in " + allZero + " is 0")
        .hasMessageContaining("at least two classes");
  }

  @Test
  void aFileThatIsNotNpyIsADataErrorNamingIt() throws Exception {
    Path images = tmp.resolve("x.npy");
    java.nio.file.Files.writeString(images, "not an array");

    assertThat(refusal(pair(images, labelsOf("y.npy", 0, 1), ArrayLayout.NHWC)))
        .hasMessageStartingWith("Cannot read " + images + " as a .npy array");
    assertThat(refusal(pair(tmp.resolve("missing.npy"), images, ArrayLayout.NHWC)))
        .hasMessageContaining("missing.npy");
  }

  @Test
  void listsOfOtherLengthsThanTwoOrFourAreRefusedBeforeReading() {
    assertThatThrownBy(() -> NpyArrays.of(List.of(tmp), ArrayLayout.NHWC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("npy data files must be two");
  }
}
