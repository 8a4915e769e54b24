package org.losslandscape.pipeline.measures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.models.curvature.SpectralDensity;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * The Hessian's eigenvalue density by stochastic Lanczos quadrature, written beside the weights as
 * {@link #FILE} and drawn as {@code hessian_spectrum.png}; its trace has an interval over the
 * probes. It is a curve, not a number: it gives the verdict no value.
 */
public final class SpectrumMeasure
    implements ModelMeasure<SpectralDensity, SpectrumMeasure.Section> {

  /** The one instance is {@link Measures}'s. */
  SpectrumMeasure() {}

  /** The density curve of a run, in its folder: float32 [2, points], eigenvalues then density. */
  public static final String FILE = "hessian_density.npy";

  /**
   * Its section of {@code summary.json}.
   *
   * @param probes random probes
   * @param lanczosSteps Lanczos steps per probe
   * @param sigma width of the Gaussian on each node
   * @param trace the trace implied by the quadrature, with its interval over probes
   * @param file the density curve, [2, grid points]: eigenvalue, density
   */
  public record Section(
      int probes, int lanczosSteps, double sigma, IntervalSummary trace, String file) {}

  @Override
  public String name() {
    return "spectrum";
  }

  @Override
  public String help() {
    return "the eigenvalue density";
  }

  @Override
  public Set<MeasureNeed> needs(MeasureSetup setup) {
    return Set.of(MeasureNeed.SAMPLE_LOSS);
  }

  @Override
  public Class<SpectralDensity> resultType() {
    return SpectralDensity.class;
  }

  @Override
  public SpectralDensity compute(MeasureInput input, MeasureSetup setup) {
    return SpectralDensity.estimate(
        input.loss().hessianAt(input.theta()), setup.measures().density());
  }

  @Override
  public List<Measure> measures(MeasureSetup setup) {
    return List.of();
  }

  @Override
  public Map<Measure, Double> values(SpectralDensity result, MeasureSetup setup) {
    return Map.of();
  }

  @Override
  public String describe(SpectralDensity d) {
    return ""; // the log line has said nothing of the density since it was added
  }

  /** The density curve as float32 [2, points]: row 0 the eigenvalues, row 1 the density. */
  @Override
  public void writeFiles(SpectralDensity d, Path runFolder) {
    int n = d.grid().length;
    float[] values = new float[2 * n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) d.grid()[i];
      values[n + i] = (float) d.density()[i];
    }
    Npy.writeFloat32(runFolder.resolve(FILE), new int[] {2, n}, values);
  }

  @Override
  public Optional<Section> summarize(SpectralDensity s, SummaryContext context) {
    return Optional.of(
        new Section(
            s.settings().probes(),
            s.settings().lanczosSteps(),
            s.sigma(),
            IntervalSummary.of(s.trace()),
            FILE));
  }

  @Override
  public Class<Section> summaryType() {
    return Section.class;
  }

  @Override
  public String summarySchema() {
    return """
        {
          "type": "object",
          "properties": {
            "probes": {"type": "integer", "minimum": 1},
            "lanczos_steps": {"type": "integer", "minimum": 1},
            "sigma": {"$ref": "#/$defs/nullable_number"},
            "trace": {"$ref": "#/$defs/interval"},
            "file": {"type": "string"}
          },
          "patternProperties": {"_reason$": {"$ref": "#/$defs/reason"}},
          "required": ["probes", "lanczos_steps", "sigma", "trace", "file"],
          "additionalProperties": false
        }
        """;
  }

  @Override
  public List<SummaryColumn<Section>> columns() {
    return List.of();
  }
}
