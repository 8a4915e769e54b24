package org.losslandscape.pipeline.data;

import java.nio.file.Path;
import java.util.Random;

/** Writes small, deterministic Fashion-MNIST-shaped folders for tests. */
final class TinyDataSets {

  static final int ROWS = 4;
  static final int COLS = 3;

  /** Labels cycle through Fashion-MNIST's ten classes. */
  static final int CLASSES = 10;

  private TinyDataSets() {}

  /** Images whose pixels come from a seeded generator; label {@code i} is {@code i % 10}. */
  static IdxImages images(int count, long seed) {
    byte[] pixels = new byte[count * ROWS * COLS];
    new Random(seed).nextBytes(pixels);
    return new IdxImages(count, ROWS, COLS, pixels);
  }

  /** The 8-bit pixels of {@code split}, which must hold levels (as IDX files do). */
  static byte[] levels(LabeledImages split) {
    return ((Pixels.Levels) split.pixels()).values();
  }

  static IdxLabels labels(int count) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % CLASSES);
    }
    return new IdxLabels(count, labels);
  }

  /** Writes all four files for {@code trainCount} training and {@code testCount} test images. */
  static Path write(Path folder, int trainCount, int testCount, IdxWriter.Compression compression) {
    String suffix = compression == IdxWriter.Compression.GZIP ? ".gz" : "";
    IdxWriter.writeImages(
        folder.resolve(FashionMnistFiles.TRAIN_IMAGES + suffix),
        images(trainCount, 1),
        compression);
    IdxWriter.writeLabels(
        folder.resolve(FashionMnistFiles.TRAIN_LABELS + suffix), labels(trainCount), compression);
    IdxWriter.writeImages(
        folder.resolve(FashionMnistFiles.TEST_IMAGES + suffix), images(testCount, 2), compression);
    IdxWriter.writeLabels(
        folder.resolve(FashionMnistFiles.TEST_LABELS + suffix), labels(testCount), compression);
    return folder;
  }
}
