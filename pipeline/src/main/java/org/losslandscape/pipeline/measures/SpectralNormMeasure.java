package org.losslandscape.pipeline.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.models.mlp.Parameter;
import org.losslandscape.models.norms.SpectralNorms;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * Jiang et al.'s (2019) log product of squared spectral norms, {@code log_prod_of_spec}: the sum
 * over the network's weight tensors of log ||W_i||_2^2. A tensor of rank 2 or more is one layer's
 * weights (a dense kernel [in, out]; a convolution kernel [kh, kw, in, out] is taken as the matrix
 * [kh kw in, out]); biases and other vectors are left out. It needs only the trained weights, and
 * is exact up to the power iteration's tolerance, so it has no interval within a run.
 */
public final class SpectralNormMeasure
    implements ModelMeasure<SpectralNormMeasure.Result, SpectralNormMeasure.Result> {

  /** The one instance is {@link Measures}'s. */
  SpectralNormMeasure() {}

  /**
   * The result, which is also the section of {@code summary.json}.
   *
   * @param logProduct sum over layers of log ||W_i||_2^2
   * @param layers each weight tensor's spectral norm, in the network's order
   */
  public record Result(double logProduct, List<Layer> layers) {}

  /**
   * One weight tensor.
   *
   * @param name the tensor's name
   * @param spectralNorm its largest singular value
   */
  public record Layer(String name, double spectralNorm) {}

  static final Measure LOG_PRODUCT =
      new Measure(
          "log_prod_of_spec",
          "log Π‖W‖₂²",
          "log of squared weight units",
          "sum over the weight matrices W_i of log ||W_i||_2^2 (Jiang et al. 2019's"
              + " log_prod_of_spec; largest singular value by power iteration)");

  @Override
  public String name() {
    return "spectral-norm";
  }

  @Override
  public String help() {
    return "log product of the layers' squared spectral norms";
  }

  @Override
  public Set<MeasureNeed> needs(MeasureSetup setup) {
    return Set.of();
  }

  @Override
  public Class<Result> resultType() {
    return Result.class;
  }

  @Override
  public Result compute(MeasureInput input, MeasureSetup setup) {
    List<Layer> layers = new ArrayList<>();
    List<SpectralNorms.Matrix> matrices = new ArrayList<>();
    for (Parameter p : input.parameters().tensors()) {
      int[] shape = p.shape();
      if (shape.length < 2) {
        continue;
      }
      int columns = shape[shape.length - 1];
      SpectralNorms.Matrix w =
          new SpectralNorms.Matrix(p.values(), p.values().length / columns, columns);
      matrices.add(w);
      layers.add(new Layer(p.name(), SpectralNorms.spectralNorm(w)));
    }
    return new Result(SpectralNorms.logProductOfSquares(matrices), layers);
  }

  @Override
  public List<Measure> measures(MeasureSetup setup) {
    return List.of(LOG_PRODUCT);
  }

  @Override
  public Map<Measure, Double> values(Result result, MeasureSetup setup) {
    return Map.of(LOG_PRODUCT, result.logProduct());
  }

  @Override
  public String describe(Result result) {
    return String.format(Locale.ROOT, "; log prod of spec %.4g", result.logProduct());
  }

  @Override
  public Optional<Result> summarize(Result result, SummaryContext context) {
    return Optional.of(result);
  }

  @Override
  public Class<Result> summaryType() {
    return Result.class;
  }

  @Override
  public String summarySchema() {
    return """
        {
          "type": "object",
          "description": "Jiang et al. 2019's log_prod_of_spec: sum over the weight matrices of log ||W_i||_2^2, and each one's spectral norm",
          "properties": {
            "log_product": {"$ref": "#/$defs/nullable_number"},
            "layers": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "name": {"type": "string"},
                  "spectral_norm": {"$ref": "#/$defs/nullable_number"}
                },
                "patternProperties": {"_reason$": {"$ref": "#/$defs/reason"}},
                "required": ["name", "spectral_norm"],
                "additionalProperties": false
              }
            }
          },
          "patternProperties": {"_reason$": {"$ref": "#/$defs/reason"}},
          "required": ["log_product", "layers"],
          "additionalProperties": false
        }
        """;
  }

  @Override
  public List<SummaryColumn<Result>> columns() {
    return List.of(
        new SummaryColumn<>(
            "log Π‖W<sub>i</sub>‖<sub>2</sub><sup>2</sup>",
            r ->
                Optional.of(
                    new SummaryColumn.NumberCell(
                        "log_product",
                        r.logProduct(),
                        "log Π‖W‖₂²: " + LOG_PRODUCT.definition()))));
  }
}
