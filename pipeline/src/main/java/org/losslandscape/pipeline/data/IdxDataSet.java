package org.losslandscape.pipeline.data;

import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads a data set stored as four IDX files named as Fashion-MNIST's are (see {@link
 * FashionMnistFiles}): MNIST, Fashion-MNIST, Kuzushiji-MNIST, EMNIST, or any set of images of one
 * size. Rank-3 image files ({@code [n, h, w]}) are single-channel, rank-4 ones ({@code [n, h, w,
 * c]}) channels-last.
 */
public final class IdxDataSet {

  private static final Logger LOG = LogManager.getLogger();

  private IdxDataSet() {}

  /**
   * Reads the four files from {@code directory}.
   *
   * @param source how to name the folder in logs and the summary
   * @throws DataException if a file is missing or malformed, image and label counts differ within a
   *     split, the two splits have different image sizes, or the labels do not fit (see {@link
   *     ImageDataSet#checked})
   */
  public static ImageDataSet load(Path directory, String source) {
    FashionMnistFiles files = FashionMnistFiles.require(directory);
    LabeledImages train = loadSplit("training", files.trainImages(), files.trainLabels());
    LabeledImages test = loadSplit("test", files.testImages(), files.testLabels());
    ImageDataSet data =
        ImageDataSet.checked(
            train,
            test,
            source,
            List.of(files.trainImages(), files.trainLabels()),
            List.of(files.testImages(), files.testLabels()));
    LOG.info(
        "Loaded IDX data from {}: {} training and {} test images of {} (height x width x"
            + " channels), {} classes",
        source,
        train.count(),
        test.count(),
        data.inputShape(),
        data.classes());
    return data;
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
