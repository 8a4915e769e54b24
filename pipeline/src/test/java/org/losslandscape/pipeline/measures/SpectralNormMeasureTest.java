package org.losslandscape.pipeline.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.MeasuresSummary;

/**
 * The log product of spectral norms on a small network: it takes the kernels and not the biases,
 * each layer's norm lies between a lower bound (|W v| for unit v) and an upper one (sqrt of the max
 * absolute column sum times the max absolute row sum), scaling one kernel by c moves it by 2 log c,
 * and its summary section survives summary.json.
 */
class SpectralNormMeasureTest {

  private static final MeasureSetup SETUP =
      new MeasureSetup(
          SliceSettings.defaults(), MeasureSettings.defaults().withSelected(java.util.Set.of()));

  @TempDir Path tmp;

  private static SpectralNormMeasure.Result measure(Parameters weights) {
    assertThat(Measures.SPECTRAL_NORM.needs(SETUP)).as("the weights alone").isEmpty();
    return Measures.SPECTRAL_NORM.compute(
        new MeasureInput(new RunId("r", 1, 0), weights, null, null, Optional.empty()), SETUP);
  }

  /**
   * He-initialized weights with non-zero biases (He's are zero), so that leaving them out shows.
   */
  private static Parameters network() {
    Parameters he = Initialization.HE.initialize(new MlpArchitecture(6, List.of(5, 4), 3), 42);
    Random random = new Random(9);
    List<Parameter> tensors = new ArrayList<>();
    for (Parameter t : he.tensors()) {
      float[] v = t.values().clone();
      if (!t.isKernel()) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) random.nextGaussian();
        }
      }
      tensors.add(t.withValues(v));
    }
    return new Parameters(he.architecture(), tensors);
  }

  private static Parameters scaled(Parameters p, String name, double c) {
    List<Parameter> tensors = new ArrayList<>();
    for (Parameter t : p.tensors()) {
      if (t.name().equals(name)) {
        float[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (v[i] * c);
        }
        tensors.add(t.withValues(v));
      } else {
        tensors.add(t);
      }
    }
    return new Parameters(p.architecture(), tensors);
  }

  @Test
  void isTheSumOfTheKernelsLogSquaredNormsEachWithinItsBounds() {
    Parameters weights = network();
    SpectralNormMeasure.Result r = measure(weights);

    List<Parameter> kernels = weights.tensors().stream().filter(Parameter::isKernel).toList();
    assertThat(r.layers())
        .extracting(SpectralNormMeasure.Layer::name)
        .containsExactlyElementsOf(kernels.stream().map(Parameter::name).toList());
    double sum = 0;
    Random random = new Random(5);
    for (int k = 0; k < kernels.size(); k++) {
      Parameter w = kernels.get(k);
      int rows = w.shape()[0];
      int columns = w.shape()[1];
      double norm = r.layers().get(k).spectralNorm();
      double[] rowSums = new double[rows];
      double[] columnSums = new double[columns];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < columns; j++) {
          double a = Math.abs(w.values()[i * columns + j]);
          rowSums[i] += a;
          columnSums[j] += a;
        }
      }
      double upper =
          Math.sqrt(
              java.util.Arrays.stream(rowSums).max().orElseThrow()
                  * java.util.Arrays.stream(columnSums).max().orElseThrow());
      assertThat(norm).as(w.name()).isLessThanOrEqualTo(upper * (1 + 1e-12));
      for (int trial = 0; trial < 50; trial++) {
        double[] v = new double[columns];
        double length = 0;
        for (int j = 0; j < columns; j++) {
          v[j] = random.nextGaussian();
          length += v[j] * v[j];
        }
        double image = 0;
        for (int i = 0; i < rows; i++) {
          double s = 0;
          for (int j = 0; j < columns; j++) {
            s += w.values()[i * columns + j] * v[j];
          }
          image += s * s;
        }
        assertThat(Math.sqrt(image / length)).isLessThanOrEqualTo(norm * (1 + 1e-9));
      }
      sum += 2 * Math.log(norm);
    }
    assertThat(r.logProduct()).isCloseTo(sum, within(1e-12));
    assertThat(Measures.SPECTRAL_NORM.values(r, SETUP))
        .containsExactlyEntriesOf(
            java.util.Map.of(SpectralNormMeasure.LOG_PRODUCT, r.logProduct()));
  }

  @Test
  void scalingOneKernelByCMovesItByTwiceLogCAndABiasDoesNothing() {
    Parameters weights = network();
    double before = measure(weights).logProduct();
    String kernel = weights.kernel(1).name();
    String bias = weights.bias(1).name();

    assertThat(measure(scaled(weights, kernel, 3.0)).logProduct())
        .isCloseTo(before + 2 * Math.log(3.0), within(1e-5));
    assertThat(measure(scaled(weights, bias, 3.0)).logProduct()).isEqualTo(before);
  }

  @Test
  void itsSummarySectionIsReadBackFromTheFile() throws Exception {
    SpectralNormMeasure.Result r = measure(network());
    MeasuresSummary written =
        new MeasuresSummary(
            0.5,
            List.of(
                new MeasureResult<>(Measures.SPECTRAL_NORM, r)
                    .summarize(new SummaryContext(0.1))
                    .orElseThrow()));
    Path file = tmp.resolve("measures.json");
    Json.write(file, written);

    assertThat(Files.readString(file)).contains("\"spectral_norm\" : {", "\"log_product\"");
    MeasuresSummary read = Json.read(file, MeasuresSummary.class);
    assertThat(read.section("spectral_norm", SpectralNormMeasure.Result.class)).contains(r);
  }
}
