package org.losslandscape.pipeline.data;

import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Fashion-MNIST data set: the training and test splits and where they came from.
 *
 * <p>Use {@link FashionMnistLocator#load} to find the data on this machine, or {@link #load} for a
 * known folder.
 *
 * @param train the training split (60,000 images in the full data set)
 * @param test the test split (10,000 images in the full data set)
 * @param source the folder the files were read from and how it was found
 */
public record FashionMnist(LabeledImages train, LabeledImages test, FashionMnistSource source) {

  private static final Logger LOG = LogManager.getLogger();

  /** Checks that both splits have images of the same size. */
  public FashionMnist {
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new IllegalArgumentException(
          "training images are "
              + train.rows()
              + "x"
              + train.cols()
              + " but test images are "
              + test.rows()
              + "x"
              + test.cols());
    }
  }

  /**
   * Reads the four files from {@code source.directory()}.
   *
   * @throws DataException if a file is missing or malformed, image and label counts differ within a
   *     split, or the two splits have different image sizes
   */
  public static FashionMnist load(FashionMnistSource source) {
    FashionMnistFiles files = FashionMnistFiles.require(source.directory());
    LabeledImages train = loadSplit("training", files.trainImages(), files.trainLabels());
    LabeledImages test = loadSplit("test", files.testImages(), files.testLabels());
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new DataException(
          "Training images in "
              + files.trainImages()
              + " are "
              + train.rows()
              + "x"
              + train.cols()
              + " but test images in "
              + files.testImages()
              + " are "
              + test.rows()
              + "x"
              + test.cols()
              + "; use files from one data set.");
    }
    LOG.info(
        "Loaded Fashion-MNIST from {}: {} training and {} test images of {}x{} pixels",
        source.describe(),
        train.count(),
        test.count(),
        train.rows(),
        train.cols());
    return new FashionMnist(train, test, source);
  }

  private static LabeledImages loadSplit(String split, Path imagesFile, Path labelsFile) {
    IdxImages images = IdxReader.readImages(imagesFile);
    IdxLabels labels = IdxReader.readLabels(labelsFile);
    if (images.count() != labels.count()) {
      throw new DataException(
          "The "
              + split
              + " split does not match: "
              + imagesFile
              + " holds "
              + images.count()
              + " images but "
              + labelsFile
              + " holds "
              + labels.count()
              + " labels.");
    }
    return LabeledImages.of(images, labels);
  }
}
