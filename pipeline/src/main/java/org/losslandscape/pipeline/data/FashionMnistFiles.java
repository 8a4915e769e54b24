package org.losslandscape.pipeline.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The four files of Fashion-MNIST inside one folder, each either gzip-compressed ({@code .gz}, as
 * distributed) or unpacked.
 *
 * @param trainImages the training images ({@code train-images-idx3-ubyte[.gz]})
 * @param trainLabels the training labels ({@code train-labels-idx1-ubyte[.gz]})
 * @param testImages the test images ({@code t10k-images-idx3-ubyte[.gz]})
 * @param testLabels the test labels ({@code t10k-labels-idx1-ubyte[.gz]})
 */
public record FashionMnistFiles(
    Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

  /** Training images file name without the {@code .gz} suffix. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

  /** Training labels file name without the {@code .gz} suffix. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";

  /** Test images file name without the {@code .gz} suffix. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";

  /** Test labels file name without the {@code .gz} suffix. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** The four standard names, in the order of the record components. */
  public static final List<String> STANDARD_NAMES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private static final String GZIP_SUFFIX = ".gz";

  /** The four files in {@code directory}, or empty if any of them is missing. */
  public static Optional<FashionMnistFiles> find(Path directory) {
    return missingNames(directory).isEmpty()
        ? Optional.of(
            new FashionMnistFiles(
                existing(directory, TRAIN_IMAGES),
                existing(directory, TRAIN_LABELS),
                existing(directory, TEST_IMAGES),
                existing(directory, TEST_LABELS)))
        : Optional.empty();
  }

  /**
   * The four files in {@code directory}.
   *
   * @throws DataException naming the folder and every missing file
   */
  public static FashionMnistFiles require(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new DataException(
          "Fashion-MNIST folder " + directory + " does not exist or is not a folder.");
    }
    List<String> missing = missingNames(directory);
    if (!missing.isEmpty()) {
      throw new DataException(
          "Fashion-MNIST folder " + directory + " is missing " + String.join(", ", missing) + ".");
    }
    return find(directory).orElseThrow();
  }

  /**
   * The standard names (shown as {@code name(.gz)}) for which {@code directory} holds neither the
   * compressed nor the unpacked file; all four if the folder does not exist.
   */
  public static List<String> missingNames(Path directory) {
    List<String> missing = new ArrayList<>();
    for (String name : STANDARD_NAMES) {
      if (!Files.isRegularFile(directory.resolve(name + GZIP_SUFFIX))
          && !Files.isRegularFile(directory.resolve(name))) {
        missing.add(name + "(" + GZIP_SUFFIX + ")");
      }
    }
    return missing;
  }

  /** The compressed file if present (the form the data set is published in), else the unpacked. */
  private static Path existing(Path directory, String name) {
    Path compressed = directory.resolve(name + GZIP_SUFFIX);
    return Files.isRegularFile(compressed) ? compressed : directory.resolve(name);
  }
}
