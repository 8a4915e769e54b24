package org.losslandscape.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the data set comes from.
 *
 * @param source Fashion-MNIST found on this machine, an IDX folder, or npy arrays
 */
public record DataSettings(Source source) {

  public DataSettings {
    Objects.requireNonNull(source, "source");
  }

  /** No data flag: Fashion-MNIST, searched for in the usual places, then downloaded. */
  public static DataSettings defaults() {
    return new DataSettings(new Source.FashionMnist());
  }

  /** An explicit IDX folder ({@code --data-dir}). */
  public static DataSettings idx(Path directory) {
    return new DataSettings(new Source.IdxFolder(directory));
  }

  /** The folder given with {@code --data-dir}, if that is the source. */
  public Optional<Path> directory() {
    return source instanceof Source.IdxFolder folder
        ? Optional.of(folder.directory())
        : Optional.empty();
  }

  /** The three places a data set can come from. */
  public sealed interface Source permits Source.FashionMnist, Source.IdxFolder, Source.NpyArrays {

    /**
     * Fashion-MNIST, searched for in the usual places (see {@code FashionMnistLocator}) and
     * downloaded as a last resort.
     */
    record FashionMnist() implements Source {}

    /**
     * A folder with four IDX files named as Fashion-MNIST's are, of any image size.
     *
     * @param directory the folder
     */
    record IdxFolder(Path directory) implements Source {
      public IdxFolder {
        Objects.requireNonNull(directory, "directory");
      }
    }

    /**
     * Image and label arrays in {@code .npy} files: training images and labels, and optionally test
     * images and labels (without them the training pair is split, see {@code NpyDataSet}).
     *
     * @param trainImages images, {@code [n, h, w]} or rank 4 in {@code layout}
     * @param trainLabels integer labels, {@code [n]}
     * @param test the test images and labels, if given
     * @param layout the axis order of rank-4 image arrays
     */
    record NpyArrays(
        Path trainImages, Path trainLabels, Optional<TestArrays> test, ArrayLayout layout)
        implements Source {

      public NpyArrays {
        Objects.requireNonNull(trainImages, "trainImages");
        Objects.requireNonNull(trainLabels, "trainLabels");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(layout, "layout");
      }

      /**
       * The arrays of a comma-separated list of two files (images, labels) or four (training
       * images, training labels, test images, test labels).
       *
       * @throws IllegalArgumentException for any other number of files
       */
      public static NpyArrays of(List<Path> files, ArrayLayout layout) {
        return switch (files.size()) {
          case 2 -> new NpyArrays(files.get(0), files.get(1), Optional.empty(), layout);
          case 4 ->
              new NpyArrays(
                  files.get(0),
                  files.get(1),
                  Optional.of(new TestArrays(files.get(2), files.get(3))),
                  layout);
          default ->
              throw new IllegalArgumentException(
                  "npy data files must be two (images,labels) or four (train images,train"
                      + " labels,test images,test labels), got "
                      + files.size());
        };
      }

      /** The files in the order given on the command line. */
      public List<Path> files() {
        return test.map(t -> List.of(trainImages, trainLabels, t.images(), t.labels()))
            .orElse(List.of(trainImages, trainLabels));
      }
    }

    /**
     * The test split's arrays.
     *
     * @param images images, in the training images' layout
     * @param labels integer labels
     */
    record TestArrays(Path images, Path labels) {
      public TestArrays {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
      }
    }
  }
}
