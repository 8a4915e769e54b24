package org.losslandscape.pipeline.measures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.models.curvature.HutchinsonTrace;
import org.losslandscape.models.curvature.SymmetricOperator;
import org.losslandscape.models.curvature.TopEigenvalues;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * Curvature at the trained weights: the top Hessian eigenvalues by Lanczos (the largest is
 * lambda_max) and the Hessian's trace by Hutchinson's estimator (its interval is over the probes).
 */
public final class HessianMeasure
    implements ModelMeasure<HessianMeasure.Result, HessianMeasure.Section> {

  /** The one instance is {@link Measures}'s. */
  HessianMeasure() {}

  /**
   * Curvature at the trained weights.
   *
   * @param top the largest Hessian eigenvalues
   * @param trace Hutchinson's estimate of the trace
   */
  public record Result(TopEigenvalues top, HutchinsonTrace trace) {}

  /**
   * Its section of {@code summary.json}.
   *
   * @param topEigenvalues the largest eigenvalues, largest first, with how each estimate ended
   * @param iterations Lanczos iterations (Hessian-vector products) used
   * @param trace Hutchinson's trace estimate with its 95% interval over probes
   * @param traceProbes Rademacher probes
   * @param edgeOfStability learning rate x lambda_max / 2: gradient descent cannot stay where this
   *     exceeds 1 (Cohen et al. 2021)
   */
  public record Section(
      List<Eigenvalue> topEigenvalues,
      int iterations,
      IntervalSummary trace,
      int traceProbes,
      Double edgeOfStability) {}

  /**
   * One eigenvalue estimate.
   *
   * @param value the Ritz value
   * @param status {@code converged}, {@code exact} or {@code not_converged}
   * @param convergedAtIteration the iteration after which it stayed within tolerance (-1: never)
   * @param residualNorm ||H y - value y|| for the unit Ritz vector y
   */
  public record Eigenvalue(
      double value, String status, int convergedAtIteration, double residualNorm) {}

  static final Measure LAMBDA_MAX =
      new Measure(
          "lambda_max",
          "λ_max",
          Measures.CURVATURE,
          "largest eigenvalue of the Hessian of the mean training loss on the landscape samples"
              + " (Lanczos on Hessian-vector products)");

  static Measure trace(int probes) {
    return new Measure(
        "hessian_trace",
        "Hessian trace",
        Measures.CURVATURE,
        "trace of the Hessian by Hutchinson's estimator, mean over "
            + probes
            + " Rademacher probes");
  }

  @Override
  public String name() {
    return "hessian";
  }

  @Override
  public String help() {
    return "top Hessian eigenvalues and the trace";
  }

  @Override
  public Set<MeasureNeed> needs(MeasureSetup setup) {
    return Set.of(MeasureNeed.SAMPLE_LOSS);
  }

  @Override
  public Class<Result> resultType() {
    return Result.class;
  }

  @Override
  public Result compute(MeasureInput input, MeasureSetup setup) {
    SymmetricOperator h = input.loss().hessianAt(input.theta());
    var s = setup.measures();
    return new Result(
        TopEigenvalues.estimate(h, s.eigen()),
        HutchinsonTrace.estimate(h, s.traceProbes(), s.eigen().seed()));
  }

  @Override
  public List<Measure> measures(MeasureSetup setup) {
    return List.of(LAMBDA_MAX, trace(setup.measures().traceProbes()));
  }

  @Override
  public Map<Measure, Double> values(Result result, MeasureSetup setup) {
    Map<Measure, Double> values = new LinkedHashMap<>();
    values.put(LAMBDA_MAX, result.top().max());
    values.put(trace(setup.measures().traceProbes()), result.trace().interval().mean());
    return values;
  }

  @Override
  public String describe(Result h) {
    return String.format(
        Locale.ROOT,
        "; lambda_max %.4g (%s), trace %.4g",
        h.top().max(),
        h.top().allConverged() ? "converged" : "not converged",
        h.trace().interval().mean());
  }

  @Override
  public Optional<Section> summarize(Result h, SummaryContext context) {
    return Optional.of(
        new Section(
            h.top().estimates().stream()
                .map(
                    e ->
                        new Eigenvalue(
                            e.value(),
                            e.status().name().toLowerCase(Locale.ROOT),
                            e.convergedAtIteration(),
                            e.residualNorm()))
                .toList(),
            h.top().iterations(),
            IntervalSummary.of(h.trace().interval()),
            h.trace().probes(),
            context.learningRate() * h.top().max() / 2));
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
            "top_eigenvalues": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "value": {"$ref": "#/$defs/nullable_number"},
                  "status": {"enum": ["converged", "exact", "not_converged"]},
                  "converged_at_iteration": {"type": "integer", "minimum": -1},
                  "residual_norm": {"$ref": "#/$defs/nullable_number"}
                },
                "patternProperties": {"_reason$": {"$ref": "#/$defs/reason"}},
                "required": ["value", "status", "converged_at_iteration", "residual_norm"],
                "additionalProperties": false
              }
            },
            "iterations": {"type": "integer", "minimum": 0},
            "trace": {"$ref": "#/$defs/interval"},
            "trace_probes": {"type": "integer", "minimum": 1},
            "edge_of_stability": {"$ref": "#/$defs/nullable_number", "description": "learning rate x lambda_max / 2; gradient descent cannot stay where it exceeds 1"}
          },
          "patternProperties": {"_reason$": {"$ref": "#/$defs/reason"}},
          "required": ["top_eigenvalues", "iterations", "trace", "trace_probes"],
          "additionalProperties": false
        }
        """;
  }

  @Override
  public List<SummaryColumn<Section>> columns() {
    return List.of(
        new SummaryColumn<>(
            "λ<sub>max</sub>",
            h ->
                h.topEigenvalues().isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                        new SummaryColumn.NumberCell(
                            "top_eigenvalues/0/value", h.topEigenvalues().get(0).value(), null))),
        new SummaryColumn<>(
            "Hessian trace",
            h -> Optional.of(new SummaryColumn.IntervalCell("trace", h.trace(), null))),
        new SummaryColumn<>(
            "lr·λ<sub>max</sub>/2",
            h ->
                Optional.of(
                    new SummaryColumn.NumberCell("edge_of_stability", h.edgeOfStability(), null))));
  }

  @Override
  public String note() {
    return "λ<sub>max</sub>: the Hessian's largest eigenvalue; gradient descent cannot stay where"
        + " lr·λ<sub>max</sub>/2 exceeds 1.";
  }
}
