package org.losslandscape.pipeline.data;

import java.nio.file.Path;
import java.util.List;
import org.losslandscape.models.network.InputShape;

/**
 * A data set of labelled images as read from the user's files: the two splits, what the network
 * trained on it takes in and tells apart, and where it came from.
 *
 * <p>The input shape and class count come from the data, not from settings: the training split's
 * image shape, and the number of classes its labels imply (the largest label plus one).
 *
 * @param train the training split
 * @param test the test split, of the training images' shape and with no class the training split
 *     lacks
 * @param source where the files came from, for logs and the summary
 * @param files the files read, in training-then-test, images-then-labels order, each once
 */
public record ImageDataSet(
    LabeledImages train, LabeledImages test, String source, List<Path> files) {

  /** Checks that the splits agree; {@link #checked} says the same in the user's words. */
  public ImageDataSet {
    files = files.stream().distinct().toList();
    if (!train.shape().equals(test.shape())) {
      throw new IllegalArgumentException(
          "training images are " + train.shape() + " but test images are " + test.shape());
    }
    if (test.classes() > train.classes()) {
      throw new IllegalArgumentException(
          "the test split has "
              + test.classes()
              + " classes, the training split "
              + train.classes());
    }
    if (train.classes() < 2) {
      throw new IllegalArgumentException("the training labels imply a single class");
    }
  }

  /**
   * The data set of two splits read from {@code trainFiles} and {@code testFiles} (each images then
   * labels, named in messages).
   *
   * @throws DataException if the splits have images of different shapes, the test labels name a
   *     class the training labels do not reach, or the training labels are all one class
   */
  public static ImageDataSet checked(
      LabeledImages train,
      LabeledImages test,
      String source,
      List<Path> trainFiles,
      List<Path> testFiles) {
    if (!train.shape().equals(test.shape())) {
      throw new DataException(
          "Training images in "
              + trainFiles.get(0)
              + " are "
              + train.shape()
              + " (height x width x channels) but test images in "
              + testFiles.get(0)
              + " are "
              + test.shape()
              + "; use files from one data set.");
    }
    if (train.classes() < 2) {
      throw new DataException(
          "Every training label in "
              + trainFiles.get(1)
              + " is "
              + (train.classes() - 1)
              + ": a classifier needs at least two classes; check the labels file.");
    }
    if (test.classes() > train.classes()) {
      throw new DataException(
          "The test labels in "
              + testFiles.get(1)
              + " go up to "
              + (test.classes() - 1)
              + " but the training labels in "
              + trainFiles.get(1)
              + " only to "
              + (train.classes() - 1)
              + ": the network would have no output for the test's extra classes; use"
              + " matching files.");
    }
    return new ImageDataSet(
        train,
        test,
        source,
        java.util.stream.Stream.concat(trainFiles.stream(), testFiles.stream()).toList());
  }

  /** The shape of one image, the network's input. */
  public InputShape inputShape() {
    return train.shape();
  }

  /** The number of classes: the largest training label plus one. */
  public int classes() {
    return train.classes();
  }
}
