package org.losslandscape.pipeline.measures;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslandscape.models.sharpness.BatchWorstCase;
import org.losslandscape.models.sharpness.WorstCaseDefinition;
import org.losslandscape.models.sharpness.WorstCaseSharpness;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.summary.IntervalSummary;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * Worst-case sharpness by projected gradient ascent: SAM's L2 ball, ASAM's adaptive ball, Keskar et
 * al.'s box (his phi, in percent), and, with {@code --m-sharpness M}, SAM's and ASAM's m-sharpness
 * (the mean over batches of M samples of each batch's worst case; its interval is over the
 * batches).
 */
public final class WorstCaseMeasure
    implements ModelMeasure<WorstCaseMeasure.Result, WorstCaseMeasure.Section> {

  /** The one instance is {@link Measures}'s. */
  WorstCaseMeasure() {}

  /**
   * The three worst-case searches.
   *
   * @param sam SAM's L2 ball
   * @param asam ASAM's adaptive ball
   * @param keskar Keskar's box (value is his phi)
   * @param perBatch SAM's and ASAM's m-sharpness when asked for ({@code --m-sharpness}), else null
   */
  public record Result(
      WorstCaseSharpness sam,
      WorstCaseSharpness asam,
      WorstCaseSharpness keskar,
      MSharpness perBatch) {}

  /**
   * m-sharpness: each definition's worst case per batch of m samples, averaged over the batches.
   *
   * @param sam SAM's L2 ball
   * @param asam ASAM's adaptive ball
   */
  public record MSharpness(BatchWorstCase sam, BatchWorstCase asam) {}

  /**
   * Its section of {@code summary.json}.
   *
   * @param sam SAM's L2 ball
   * @param asam ASAM's adaptive ball
   * @param keskar Keskar's box (value is phi, in percent)
   * @param mSharpness SAM's and ASAM's m-sharpness, when computed (else null)
   */
  public record Section(Ascent sam, Ascent asam, Ascent keskar, MSharpnessSection mSharpness) {}

  /**
   * m-sharpness: the mean over batches of m samples of each batch's worst-case increase.
   *
   * @param m samples per batch
   * @param batches full batches measured
   * @param sam SAM's L2 ball: mean and 95% interval over batches
   * @param asam ASAM's adaptive ball: the same
   * @param convergedBatches batches whose SAM and ASAM searches both converged
   */
  public record MSharpnessSection(
      int m, int batches, IntervalSummary sam, IntervalSummary asam, int convergedBatches) {}

  /**
   * One worst-case search.
   *
   * @param definition what is maximized, with its radius
   * @param value the largest increase found (Keskar: phi)
   * @param oneStepValue the same after SAM's single normalized-gradient step
   * @param steps gradient steps per restart
   * @param restarts restarts
   * @param evaluations loss-and-gradient evaluations used
   * @param quarterValues the value after each quarter of the iterations (the last is {@code value})
   * @param converged whether the last quarter raised the increase by at most 1%
   */
  public record Ascent(
      String definition,
      double value,
      double oneStepValue,
      int steps,
      int restarts,
      int evaluations,
      double[] quarterValues,
      boolean converged) {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = WorstCaseDefinition.L2Ball.class, name = "l2_ball"),
    @JsonSubTypes.Type(value = WorstCaseDefinition.AdaptiveBall.class, name = "adaptive_ball"),
    @JsonSubTypes.Type(value = WorstCaseDefinition.KeskarBox.class, name = "keskar_box")
  })
  private interface DefinitionTypes {}

  static Measure sam(double rho) {
    return new Measure(
        "worst_case_l2@" + rho,
        "SAM ρ=" + rho,
        Measures.LOSS_INCREASE,
        "max over ||e||_2 <= " + rho + " of L(w + e) - L(w), by projected gradient ascent");
  }

  static Measure asam(double rho, double eta) {
    return new Measure(
        "worst_case_adaptive@" + rho,
        "ASAM ρ=" + rho,
        Measures.LOSS_INCREASE,
        "max over ||e / (|w| + "
            + eta
            + ")||_2 <= "
            + rho
            + " (weights; biases unscaled) of L(w + e) - L(w), by projected gradient ascent");
  }

  static Measure keskar(double epsilon) {
    return new Measure(
        "keskar_phi@" + epsilon,
        "Keskar φ ε=" + epsilon,
        "% of 1 + L(w)",
        "100 (max over |e_i| <= "
            + epsilon
            + " (|w_i| + 1) of L(w + e) - L(w)) / (1 + L(w)), by projected gradient ascent");
  }

  static Measure mSam(double rho, int m) {
    return new Measure(
        "m_sharpness_l2@" + rho + "/m" + m,
        "SAM ρ=" + rho + ", m=" + m,
        Measures.LOSS_INCREASE,
        "mean over batches of "
            + m
            + " samples of max over ||e||_2 <= "
            + rho
            + " of L_batch(w + e) - L_batch(w)");
  }

  static Measure mAsam(double rho, double eta, int m) {
    return new Measure(
        "m_sharpness_adaptive@" + rho + "/m" + m,
        "ASAM ρ=" + rho + ", m=" + m,
        Measures.LOSS_INCREASE,
        "mean over batches of "
            + m
            + " samples of max over ||e / (|w| + "
            + eta
            + ")||_2 <= "
            + rho
            + " of L_batch(w + e) - L_batch(w)");
  }

  @Override
  public String name() {
    return "worst-case";
  }

  @Override
  public String help() {
    return "SAM, ASAM and Keskar sharpness";
  }

  @Override
  public Set<MeasureNeed> needs(MeasureSetup setup) {
    return setup.measures().mSharpness() > 0
        ? EnumSet.of(MeasureNeed.SAMPLE_LOSS, MeasureNeed.BATCH_LOSSES)
        : EnumSet.of(MeasureNeed.SAMPLE_LOSS);
  }

  @Override
  public Class<Result> resultType() {
    return Result.class;
  }

  @Override
  public Result compute(MeasureInput input, MeasureSetup setup) {
    MeasureSettings s = setup.measures();
    WorstCaseDefinition sam = new WorstCaseDefinition.L2Ball(s.samRho());
    WorstCaseDefinition asam =
        new WorstCaseDefinition.AdaptiveBall(
            s.asamRho(), s.asamEta(), WorstCaseDefinition.AdaptiveBall.BiasScale.IDENTITY);
    // m-sharpness first, then the full-set searches: the order the measures have always run in.
    MSharpness perBatch =
        input
            .batchLosses()
            .filter(b -> s.mSharpness() > 0)
            .map(
                b ->
                    new MSharpness(
                        BatchWorstCase.measure(b, s.mSharpness(), input.theta(), sam, s.ascent()),
                        BatchWorstCase.measure(b, s.mSharpness(), input.theta(), asam, s.ascent())))
            .orElse(null);
    return new Result(
        WorstCaseSharpness.measure(input.loss(), input.theta(), sam, s.ascent()),
        WorstCaseSharpness.measure(input.loss(), input.theta(), asam, s.ascent()),
        WorstCaseSharpness.measure(
            input.loss(),
            input.theta(),
            new WorstCaseDefinition.KeskarBox(s.keskarEpsilon()),
            s.ascent()),
        perBatch);
  }

  @Override
  public List<Measure> measures(MeasureSetup setup) {
    MeasureSettings m = setup.measures();
    List<Measure> out = new ArrayList<>();
    out.add(sam(m.samRho()));
    out.add(asam(m.asamRho(), m.asamEta()));
    out.add(keskar(m.keskarEpsilon()));
    if (m.mSharpness() > 0) {
      out.add(mSam(m.samRho(), m.mSharpness()));
      out.add(mAsam(m.asamRho(), m.asamEta(), m.mSharpness()));
    }
    return out;
  }

  @Override
  public Map<Measure, Double> values(Result w, MeasureSetup setup) {
    MeasureSettings m = setup.measures();
    Map<Measure, Double> values = new LinkedHashMap<>();
    values.put(sam(m.samRho()), w.sam().value());
    values.put(asam(m.asamRho(), m.asamEta()), w.asam().value());
    values.put(keskar(m.keskarEpsilon()), w.keskar().value());
    if (w.perBatch() != null) {
      MSharpness b = w.perBatch();
      values.put(mSam(m.samRho(), b.sam().batchSize()), b.sam().value());
      values.put(mAsam(m.asamRho(), m.asamEta(), b.asam().batchSize()), b.asam().value());
    }
    return values;
  }

  @Override
  public String describe(Result w) {
    String s =
        String.format(
            Locale.ROOT,
            "; SAM %.4g%s, ASAM %.4g%s, Keskar phi %.4g%s",
            w.sam().value(),
            w.sam().converged() ? "" : " (not converged)",
            w.asam().value(),
            w.asam().converged() ? "" : " (not converged)",
            w.keskar().value(),
            w.keskar().converged() ? "" : " (not converged)");
    if (w.perBatch() != null) {
      MSharpness b = w.perBatch();
      s +=
          String.format(
              Locale.ROOT,
              "; m-sharpness (m %d, %d batches) SAM %.4g, ASAM %.4g",
              b.sam().batchSize(),
              b.sam().perBatch().length,
              b.sam().value(),
              b.asam().value());
    }
    return s;
  }

  @Override
  public Optional<Section> summarize(Result w, SummaryContext context) {
    MSharpness b = w.perBatch();
    return Optional.of(
        new Section(
            ascent(w.sam()),
            ascent(w.asam()),
            ascent(w.keskar()),
            b == null
                ? null
                : new MSharpnessSection(
                    b.sam().batchSize(),
                    b.sam().perBatch().length,
                    IntervalSummary.of(b.sam().interval()),
                    IntervalSummary.of(b.asam().interval()),
                    Math.min(b.sam().convergedBatches(), b.asam().convergedBatches()))));
  }

  private static Ascent ascent(WorstCaseSharpness w) {
    return new Ascent(
        w.definition().describe(),
        w.value(),
        w.oneStepValue(),
        w.ascent().settings().steps(),
        w.ascent().settings().restarts(),
        w.ascent().evaluations(),
        w.quarterValues(),
        w.converged());
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
            "sam": {"$ref": "#/$defs/ascent"},
            "asam": {"$ref": "#/$defs/ascent"},
            "keskar": {"$ref": "#/$defs/ascent"},
            "m_sharpness": {
              "description": "--m-sharpness M: the mean over batches of M samples of each batch's own worst-case increase, SAM's and ASAM's, with 95% intervals over the batches",
              "type": "object",
              "properties": {
                "m": {"type": "integer", "minimum": 1},
                "batches": {"type": "integer", "minimum": 1},
                "sam": {"$ref": "#/$defs/interval"},
                "asam": {"$ref": "#/$defs/interval"},
                "converged_batches": {"type": "integer", "minimum": 0}
              },
              "required": ["m", "batches", "sam", "asam", "converged_batches"],
              "additionalProperties": false
            }
          },
          "required": ["sam", "asam", "keskar"],
          "additionalProperties": false
        }
        """;
  }

  @Override
  public List<SummaryColumn<Section>> columns() {
    return List.of(
        column("SAM", "sam", "SAM", Section::sam),
        column("ASAM", "asam", "ASAM", Section::asam),
        column("Keskar φ", "keskar", "Keskar", Section::keskar));
  }

  private static SummaryColumn<Section> column(
      String heading, String path, String name, java.util.function.Function<Section, Ascent> of) {
    return new SummaryColumn<>(
        heading,
        w ->
            Optional.ofNullable(of.apply(w))
                .map(
                    a ->
                        new SummaryColumn.NumberCell(
                            path + "/value",
                            a.value(),
                            a.definition() == null ? null : name + ": " + a.definition())));
  }

  @Override
  public String note() {
    return "Worst-case values are loss increases (Keskar's φ in percent).";
  }

  @Override
  public Map<Class<?>, Class<?>> jsonMixIns() {
    return Map.of(WorstCaseDefinition.class, DefinitionTypes.class);
  }
}
