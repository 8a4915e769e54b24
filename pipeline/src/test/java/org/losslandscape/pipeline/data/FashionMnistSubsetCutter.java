package org.losslandscape.pipeline.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts the committed test subset ({@code src/test/resources/fashion-mnist-subset}) out of the full
 * data set: the first N training and first M test images with their labels, gzip-compressed.
 *
 * <p>Not a test; run by hand when the subset must be rebuilt (see the NOTICE.md next to the subset
 * for the exact command):
 *
 * <pre>{@code
 * java -cp pipeline/target/classes:pipeline/target/test-classes:LOG4J_API_JAR \
 *     org.losslandscape.pipeline.data.FashionMnistSubsetCutter \
 *     /usr/share/datasets/fashion-mnist pipeline/src/test/resources/fashion-mnist-subset 3000 1000
 * }</pre>
 */
public final class FashionMnistSubsetCutter {

  private FashionMnistSubsetCutter() {}

  /**
   * Writes the subset.
   *
   * @param args source folder, target folder, training count, test count
   */
  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println(
          "usage: FashionMnistSubsetCutter SOURCE_DIR TARGET_DIR TRAIN_COUNT TEST_COUNT");
      System.exit(2);
    }
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    FashionMnistFiles files = FashionMnistFiles.require(source);
    cut(files.trainImages(), files.trainLabels(), target, "train", Integer.parseInt(args[2]));
    cut(files.testImages(), files.testLabels(), target, "t10k", Integer.parseInt(args[3]));
  }

  private static void cut(Path imagesFile, Path labelsFile, Path target, String prefix, int n) {
    IdxImages images = IdxReader.readImages(imagesFile);
    IdxLabels labels = IdxReader.readLabels(labelsFile);
    IdxImages firstImages =
        new IdxImages(
            n,
            images.rows(),
            images.cols(),
            Arrays.copyOf(images.pixels(), n * images.pixelsPerImage()));
    IdxLabels firstLabels = new IdxLabels(n, Arrays.copyOf(labels.labels(), n));
    IdxWriter.writeImages(
        target.resolve(prefix + "-images-idx3-ubyte.gz"), firstImages, IdxWriter.Compression.GZIP);
    IdxWriter.writeLabels(
        target.resolve(prefix + "-labels-idx1-ubyte.gz"), firstLabels, IdxWriter.Compression.GZIP);
    System.out.println(
        prefix
            + ": "
            + n
            + " of "
            + images.count()
            + " images, class counts "
            + Arrays.toString(LabeledImages.of(firstImages, firstLabels).classCounts()));
  }
}
