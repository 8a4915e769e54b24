package org.losslandscape.pipeline.measures;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.models.sharpness.AverageCaseDefinition;
import org.losslandscape.models.sharpness.AverageCaseSharpness;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * Average-case sharpness: the mean loss increase under Gaussian perturbations, plain (sigma I) and
 * |w|-scaled (sigma |w_i|), by Monte Carlo; its interval within a run is over the draws.
 */
public final class AverageCaseMeasure
    implements ModelMeasure<AverageCaseMeasure.Result, AverageCaseMeasure.Section> {

  /** The one instance is {@link Measures}'s. */
  AverageCaseMeasure() {}

  /**
   * The two estimates.
   *
   * @param isotropic e ~ N(0, sigma^2 I)
   * @param elementScaled e_i ~ N(0, (sigma |w_i|)^2)
   */
  public record Result(AverageCaseSharpness isotropic, AverageCaseSharpness elementScaled) {}

  /**
   * Its section of {@code summary.json}.
   *
   * @param isotropic e ~ N(0, sigma^2 I)
   * @param elementScaled e_i ~ N(0, (sigma |w_i|)^2)
   */
  public record Section(MonteCarlo isotropic, MonteCarlo elementScaled) {}

  /**
   * One Monte Carlo estimate.
   *
   * @param definition what is estimated
   * @param increase mean loss increase with its 95% interval over draws
   * @param samples draws
   * @param antithetic whether each draw was paired with its negative
   */
  public record MonteCarlo(
      String definition, IntervalSummary increase, int samples, boolean antithetic) {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = AverageCaseDefinition.Isotropic.class, name = "isotropic"),
    @JsonSubTypes.Type(value = AverageCaseDefinition.ElementScaled.class, name = "element_scaled")
  })
  private interface DefinitionTypes {}

  static Measure isotropic(double sigma) {
    return new Measure(
        "average_isotropic@" + sigma,
        "average σ=" + sigma,
        Measures.LOSS_INCREASE,
        "E[L(w + e)] - L(w), e ~ N(0, " + sigma + "^2 I), Monte Carlo");
  }

  static Measure elementScaled(double sigma) {
    return new Measure(
        "average_element@" + sigma,
        "average " + sigma + "|w|",
        Measures.LOSS_INCREASE,
        "E[L(w + e)] - L(w), e_i ~ N(0, (" + sigma + " |w_i|)^2), Monte Carlo");
  }

  @Override
  public String name() {
    return "average-case";
  }

  @Override
  public String help() {
    return "Gaussian-perturbation sharpness";
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
    MeasureSettings s = setup.measures();
    return new Result(
        AverageCaseSharpness.measure(
            input.loss(),
            input.theta(),
            new AverageCaseDefinition.Isotropic(s.isotropicSigma()),
            s.monteCarlo()),
        AverageCaseSharpness.measure(
            input.loss(),
            input.theta(),
            new AverageCaseDefinition.ElementScaled(s.elementSigma()),
            s.monteCarlo()));
  }

  @Override
  public List<Measure> measures(MeasureSetup setup) {
    MeasureSettings s = setup.measures();
    return List.of(isotropic(s.isotropicSigma()), elementScaled(s.elementSigma()));
  }

  @Override
  public Map<Measure, Double> values(Result a, MeasureSetup setup) {
    MeasureSettings s = setup.measures();
    Map<Measure, Double> values = new LinkedHashMap<>();
    values.put(isotropic(s.isotropicSigma()), a.isotropic().increase().mean());
    values.put(elementScaled(s.elementSigma()), a.elementScaled().increase().mean());
    return values;
  }

  @Override
  public String describe(Result a) {
    return String.format(
        Locale.ROOT,
        "; average %.4g, |w|-scaled %.4g",
        a.isotropic().increase().mean(),
        a.elementScaled().increase().mean());
  }

  @Override
  public Optional<Section> summarize(Result a, SummaryContext context) {
    return Optional.of(new Section(monteCarlo(a.isotropic()), monteCarlo(a.elementScaled())));
  }

  private static MonteCarlo monteCarlo(AverageCaseSharpness a) {
    return new MonteCarlo(
        a.definition().describe(),
        IntervalSummary.of(a.increase()),
        a.settings().samples(),
        a.settings().antithetic());
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
            "isotropic": {"$ref": "#/$defs/monte_carlo"},
            "element_scaled": {"$ref": "#/$defs/monte_carlo"}
          },
          "required": ["isotropic", "element_scaled"],
          "additionalProperties": false
        }
        """;
  }

  @Override
  public List<SummaryColumn<Section>> columns() {
    return List.of(
        column("average-case", "isotropic", "average-case (isotropic)", Section::isotropic),
        column(
            "average-case, |w|-scaled",
            "element_scaled",
            "average-case (element scaled)",
            Section::elementScaled));
  }

  private static SummaryColumn<Section> column(
      String heading,
      String path,
      String name,
      java.util.function.Function<Section, MonteCarlo> of) {
    return new SummaryColumn<>(
        heading,
        a ->
            Optional.ofNullable(of.apply(a))
                .map(
                    c ->
                        new SummaryColumn.IntervalCell(
                            path + "/increase",
                            c.increase(),
                            c.definition() == null ? null : name + ": " + c.definition())));
  }

  @Override
  public String note() {
    return "Average-case values are loss increases.";
  }

  @Override
  public Map<Class<?>, Class<?>> jsonMixIns() {
    return Map.of(AverageCaseDefinition.class, DefinitionTypes.class);
  }
}
