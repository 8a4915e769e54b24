package org.losslandscape.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losslandscape.models.network.InputShape;

class StandardizationTest {

  @Test
  void blackAndWhiteInEqualShareGiveMeanAndStdOneHalf() {
    LabeledImages split = singleImage(new byte[] {0, (byte) 255, 0, (byte) 255});

    Standardization standardization = Standardization.fit(split);

    assertThat(standardization.mean()).isEqualTo(0.5);
    assertThat(standardization.std()).isEqualTo(0.5);
    assertThat(standardization.apply(split)).containsExactly(-1f, 1f, -1f, 1f);
  }

  @Test
  void stdIsThePopulationDeviationOfScaledPixels() {
    // Scaled values 0, 0.2, 0.4, 0.6: mean 0.3, population variance 0.05.
    LabeledImages split = singleImage(new byte[] {0, 51, 102, (byte) 153});

    Standardization standardization = Standardization.fit(split);

    assertThat(standardization.mean()).isCloseTo(0.3, within(1e-15));
    assertThat(standardization.std()).isCloseTo(Math.sqrt(0.05), within(1e-15));
  }

  @Test
  void standardisedTrainingPixelsHaveMeanZeroAndStdOne() {
    LabeledImages train = IdxDataSet.load(FashionMnistTest.committedSubset(), "subset").train();

    float[] standardized = Standardization.fit(train).apply(train);

    assertThat(standardized).hasSize(3000 * 784);
    double sum = 0;
    double sumOfSquares = 0;
    for (float value : standardized) {
      sum += value;
      sumOfSquares += (double) value * value;
    }
    double mean = sum / standardized.length;
    assertThat(mean).isCloseTo(0, within(1e-6));
    assertThat(Math.sqrt(sumOfSquares / standardized.length - mean * mean))
        .isCloseTo(1, within(1e-6));
  }

  @Test
  void applyKeepsImageOrderAndRowMajorLayout() {
    Standardization standardization = new Standardization(0.25, 0.5);
    LabeledImages split =
        LabeledImages.of(
            new IdxImages(2, 1, 2, new byte[] {0, 51, (byte) 255, 102}),
            new IdxLabels(2, new byte[] {3, 4}));

    float[] standardized = standardization.apply(split);

    assertThat(standardized)
        .containsExactly(
            (float) ((0 - 0.25) / 0.5),
            (float) ((0.2 - 0.25) / 0.5),
            (float) ((1 - 0.25) / 0.5),
            (float) ((0.4 - 0.25) / 0.5));
  }

  @Test
  void constantImagesCannotBeStandardised() {
    assertThatThrownBy(() -> Standardization.fit(singleImage(new byte[] {7, 7, 7, 7})))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("all 4 pixels have the same value");
  }

  /** Float images are taken as given: no division by 255, their own mean and deviation. */
  @Test
  void realValuesAreStandardizedAsGiven() {
    LabeledImages split =
        new LabeledImages(
            new Pixels.Reals(new float[] {-3f, 1f, 5f, 1f}),
            new int[] {0},
            new InputShape(2, 2, 1));

    Standardization standardization = Standardization.fit(split);

    assertThat(standardization.mean()).isEqualTo(1.0);
    assertThat(standardization.std()).isEqualTo(Math.sqrt(8));
    assertThat(standardization.apply(split))
        .containsExactly((float) (-4 / Math.sqrt(8)), 0f, (float) (4 / Math.sqrt(8)), 0f);
  }

  /** Levels and the same values as reals standardize alike (up to the levels' 1/255). */
  @Test
  void levelsAndTheirValuesAsRealsGiveTheSameInputs() {
    byte[] levels = {0, 51, 102, (byte) 255};
    float[] reals = new float[levels.length];
    for (int i = 0; i < levels.length; i++) {
      reals[i] = Byte.toUnsignedInt(levels[i]) / 255f;
    }
    InputShape shape = new InputShape(1, 4, 1);
    LabeledImages asLevels = new LabeledImages(new Pixels.Levels(levels), new int[] {1}, shape);
    LabeledImages asReals = new LabeledImages(new Pixels.Reals(reals), new int[] {1}, shape);

    float[] fromLevels = Standardization.fit(asLevels).apply(asLevels);
    float[] fromReals = Standardization.fit(asReals).apply(asReals);

    for (int i = 0; i < levels.length; i++) {
      assertThat(fromReals[i]).isCloseTo(fromLevels[i], within(1e-6f));
    }
  }

  @Test
  void constantRealImagesCannotBeStandardised() {
    LabeledImages split =
        new LabeledImages(
            new Pixels.Reals(new float[] {2.5f, 2.5f}), new int[] {0}, new InputShape(1, 2, 1));

    assertThatThrownBy(() -> Standardization.fit(split))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("all 2 pixels have the same value");
  }

  @Test
  void constantsMustBeUsable() {
    assertThatThrownBy(() -> new Standardization(0.3, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Standardization(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static LabeledImages singleImage(byte[] pixels) {
    return new LabeledImages(
        new Pixels.Levels(pixels), new int[] {0}, new InputShape(2, pixels.length / 2, 1));
  }
}
