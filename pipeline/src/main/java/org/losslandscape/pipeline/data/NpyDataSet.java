package org.losslandscape.pipeline.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.pipeline.config.ArrayLayout;
import org.losslandscape.pipeline.config.DataSettings.Source.NpyArrays;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.io.NpyArray;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Reads a data set from numpy {@code .npy} arrays ({@code --data-npy}).
 *
 * <ul>
 *   <li>Images: rank 3 {@code [n, h, w]} (single-channel) or rank 4, {@code [n, h, w, c]} (NHWC) or
 *       {@code [n, c, h, w]} (NCHW, transposed to NHWC on load), C or Fortran order, any byte
 *       order. An integer dtype holds 8-bit levels {@code 0..255}, scaled by 1/255 as IDX pixels
 *       are; a floating-point dtype is taken as given (float64 rounded to float32) and must be
 *       finite. The training statistics then standardize either kind.
 *   <li>Labels: a vector {@code [n]} of an integer dtype, each {@code >= 0}; the classes are the
 *       largest training label plus one.
 *   <li>Four files give the two splits. Two files are split here, deterministically: example {@code
 *       i} is a test example when {@code i % 7 == 6} (every 7th, numpy's {@code x[6::7]}), the rest
 *       train, both in file order. A seventh is about Fashion-MNIST's 10,000 of 70,000, and a
 *       stride keeps every class in both splits even when the file is sorted by class.
 * </ul>
 *
 * <p>Every shape that does not fit is a {@link DataException} naming the file and what to change.
 */
public final class NpyDataSet {

  /** With one pair of files, every {@code TEST_STRIDE}-th example is a test example. */
  public static final int TEST_STRIDE = 7;

  /**
   * A channel axis longer than this, against an opposite axis within it, suggests the layout was
   * stated the wrong way round (grey, grey and alpha, RGB and RGBA images have 1 to 4 channels).
   */
  static final int MAX_USUAL_CHANNELS = 4;

  private static final Logger LOG = LogManager.getLogger();

  private NpyDataSet() {}

  /**
   * Reads the arrays.
   *
   * @throws DataException if a file is not a readable {@code .npy} array or the arrays do not fit
   *     together as a data set
   */
  public static ImageDataSet load(NpyArrays arrays) {
    LabeledImages first = split(arrays.trainImages(), arrays.trainLabels(), arrays.layout());
    String files = arrays.files().stream().map(Path::toString).collect(Collectors.joining(","));
    String source = "--data-npy " + files + " (" + arrays.layout().label();
    ImageDataSet data;
    if (arrays.test().isPresent()) {
      Path testImages = arrays.test().get().images();
      Path testLabels = arrays.test().get().labels();
      LabeledImages test = split(testImages, testLabels, arrays.layout());
      data =
          ImageDataSet.checked(
              first,
              test,
              source + ")",
              List.of(arrays.trainImages(), arrays.trainLabels()),
              List.of(testImages, testLabels));
    } else {
      if (first.count() < TEST_STRIDE) {
        throw new DataException(
            arrays.trainImages()
                + " holds "
                + first.count()
                + " example(s): one pair of files is split by taking every "
                + TEST_STRIDE
                + "th example for the test set, so it needs at least "
                + TEST_STRIDE
                + "; give more examples, or four files with a test split of their own.");
      }
      List<Path> pair = List.of(arrays.trainImages(), arrays.trainLabels());
      data =
          ImageDataSet.checked(
              every(first, false),
              every(first, true),
              source + ", every " + TEST_STRIDE + "th example held out for test)",
              pair,
              pair);
    }
    LOG.info(
        "Loaded npy data from {}: {} training and {} test images of {} (height x width x"
            + " channels), {} classes",
        data.source(),
        data.train().count(),
        data.test().count(),
        data.inputShape(),
        data.classes());
    return data;
  }

  /** The examples whose index is ({@code test}) or is not a multiple of the stride, minus one. */
  static LabeledImages every(LabeledImages all, boolean test) {
    int[] chosen =
        java.util.stream.IntStream.range(0, all.count())
            .filter(i -> (i % TEST_STRIDE == TEST_STRIDE - 1) == test)
            .toArray();
    int size = all.pixelsPerImage();
    int[] labels = new int[chosen.length];
    Pixels pixels;
    if (all.pixels() instanceof Pixels.Levels levels) {
      byte[] out = new byte[chosen.length * size];
      for (int k = 0; k < chosen.length; k++) {
        System.arraycopy(levels.values(), chosen[k] * size, out, k * size, size);
      }
      pixels = new Pixels.Levels(out);
    } else {
      float[] values = ((Pixels.Reals) all.pixels()).values();
      float[] out = new float[chosen.length * size];
      for (int k = 0; k < chosen.length; k++) {
        System.arraycopy(values, chosen[k] * size, out, k * size, size);
      }
      pixels = new Pixels.Reals(out);
    }
    for (int k = 0; k < chosen.length; k++) {
      labels[k] = all.labels()[chosen[k]];
    }
    return new LabeledImages(pixels, labels, all.shape());
  }

  /** One split: an images file and a labels file of the same length. */
  static LabeledImages split(Path imagesFile, Path labelsFile, ArrayLayout layout) {
    NpyArray images = read(imagesFile);
    int[] shape = images.shape();
    if (shape.length != 3 && shape.length != 4) {
      throw new DataException(
          imagesFile
              + " holds an array of shape "
              + Arrays.toString(shape)
              + " (rank "
              + shape.length
              + "): images must be [n, h, w] or, with channels, "
              + (layout == ArrayLayout.NHWC ? "[n, h, w, c]" : "[n, c, h, w]")
              + (shape.length == 2 ? "; reshape flat features to [n, 1, 1, features]" : "")
              + ".");
    }
    for (int extent : shape) {
      if (extent == 0) {
        throw new DataException(
            imagesFile
                + " holds no images: its shape is "
                + Arrays.toString(shape)
                + "; a data set needs at least one image of at least one pixel.");
      }
    }
    int count = shape[0];
    InputShape imageShape = imageShape(imagesFile, shape, layout);
    Pixels pixels =
        pixels(imagesFile, images, count, imageShape, shape.length == 4 ? layout : null);
    int[] labels = labels(labelsFile);
    if (labels.length != count) {
      throw new DataException(
          imagesFile
              + " holds "
              + count
              + " images but "
              + labelsFile
              + " holds "
              + labels.length
              + " labels; give one label per image.");
    }
    return new LabeledImages(pixels, labels, imageShape);
  }

  /** The shape of one image, after checking that the stated channel axis is plausible. */
  private static InputShape imageShape(Path file, int[] shape, ArrayLayout layout) {
    if (shape.length == 3) {
      return new InputShape(shape[1], shape[2], 1);
    }
    boolean channelsLast = layout == ArrayLayout.NHWC;
    int channels = channelsLast ? shape[3] : shape[1];
    int height = channelsLast ? shape[1] : shape[2];
    int width = channelsLast ? shape[2] : shape[3];
    int oppositeEnd = channelsLast ? shape[1] : shape[3];
    boolean flat = height == 1 && width == 1;
    if (channels > MAX_USUAL_CHANNELS && oppositeEnd <= MAX_USUAL_CHANNELS && !flat) {
      ArrayLayout other = channelsLast ? ArrayLayout.NCHW : ArrayLayout.NHWC;
      throw new DataException(
          "--data-layout "
              + layout.label()
              + " reads "
              + file
              + " of shape "
              + Arrays.toString(shape)
              + " as "
              + channels
              + " channels of "
              + height
              + "x"
              + width
              + " pixels, which looks like "
              + other.name()
              + " data; use --data-layout "
              + other.label()
              + ".");
    }
    return new InputShape(height, width, channels);
  }

  /** The values, checked and in NHWC order; {@code layout} is null for rank-3 images. */
  private static Pixels pixels(
      Path file, NpyArray images, int count, InputShape shape, ArrayLayout layout) {
    boolean transpose = layout == ArrayLayout.NCHW && shape.channels() > 1;
    if (images instanceof NpyArray.Int32 ints) {
      byte[] levels = new byte[ints.data().length];
      for (int i = 0; i < levels.length; i++) {
        int value = ints.data()[i];
        if (value < 0 || value > 255) {
          throw new DataException(
              file
                  + " holds the integer "
                  + value
                  + " at C-order position "
                  + i
                  + ": integer images must be 8-bit levels 0..255; save other values as"
                  + " float32, which are taken as given.");
        }
        levels[i] = (byte) value;
      }
      return new Pixels.Levels(transpose ? nchwToNhwc(levels, count, shape) : levels);
    }
    NpyArray.Float32 floats = (NpyArray.Float32) images;
    for (int i = 0; i < floats.data().length; i++) {
      if (!Float.isFinite(floats.data()[i])) {
        throw new DataException(
            file
                + " holds "
                + floats.data()[i]
                + " at C-order position "
                + i
                + ": image values must be finite (float64 beyond ±3.4e38 becomes infinite in"
                + " float32).");
      }
    }
    float[] values = floats.data();
    return new Pixels.Reals(transpose ? nchwToNhwc(values, count, shape) : values);
  }

  /** The labels of {@code file}: a vector of non-negative integers. */
  private static int[] labels(Path file) {
    NpyArray labels = read(file);
    if (!(labels instanceof NpyArray.Int32 ints)) {
      throw new DataException(
          file
              + " holds floating-point numbers: labels must be integers (class indices; for"
              + " one-hot labels save their argmax).");
    }
    if (ints.shape().length != 1) {
      throw new DataException(
          file
              + " holds an array of shape "
              + Arrays.toString(ints.shape())
              + ": labels must be a vector [n] of class indices (for one-hot labels save their"
              + " argmax).");
    }
    for (int i = 0; i < ints.data().length; i++) {
      if (ints.data()[i] < 0) {
        throw new DataException(
            file
                + " holds the label "
                + ints.data()[i]
                + " at index "
                + i
                + ": labels must be class indices 0, 1, 2, ...");
      }
    }
    return ints.data();
  }

  private static NpyArray read(Path file) {
    try {
      return Npy.read(file);
    } catch (ResultsException e) {
      throw new DataException(e.getMessage(), e);
    }
  }

  /**
   * {@code count} images stored channels-first ({@code [c, h, w]} each) rearranged channels-last
   * ({@code [h, w, c]} each), as {@link InputShape} lays them out.
   */
  static byte[] nchwToNhwc(byte[] nchw, int count, InputShape shape) {
    byte[] nhwc = new byte[nchw.length];
    transpose(count, shape, (from, to) -> nhwc[to] = nchw[from]);
    return nhwc;
  }

  /** The float version of {@link #nchwToNhwc(byte[], int, InputShape)}. */
  static float[] nchwToNhwc(float[] nchw, int count, InputShape shape) {
    float[] nhwc = new float[nchw.length];
    transpose(count, shape, (from, to) -> nhwc[to] = nchw[from]);
    return nhwc;
  }

  /** Moves one value from its NCHW index to its NHWC index. */
  private interface Move {
    void apply(int from, int to);
  }

  /** Walks the NCHW source in order, each image's channel planes one after another. */
  private static void transpose(int count, InputShape shape, Move move) {
    int channels = shape.channels();
    int plane = shape.height() * shape.width();
    int image = plane * channels;
    int from = 0;
    for (int n = 0; n < count; n++) {
      int base = n * image;
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          move.apply(from++, base + p * channels + c);
        }
      }
    }
  }
}
