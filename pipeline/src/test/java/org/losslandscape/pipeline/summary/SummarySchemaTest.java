package org.losslandscape.pipeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.Recipes;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.measures.SliceMeasure;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.verdict.Measure;
import org.losslandscape.pipeline.verdict.RunMeasurements;
import org.losslandscape.pipeline.verdict.VerdictAnalysis;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * The published schema accepts what the records write, including numbers that are not finite, and
 * rejects what an older or broken writer would produce.
 */
class SummarySchemaTest {

  private static final String SHA = "a".repeat(64);

  static Summary summary(double sharpness, double centreLoss, MeanInterval overPairs) {
    IntervalSummary pairs = IntervalSummary.of(overPairs);
    Map<String, Double> slice = new LinkedHashMap<>();
    slice.put("0.5", Double.isFinite(sharpness) ? sharpness : null);
    SharpnessSummary s =
        new SharpnessSummary(
            slice,
            Double.isFinite(sharpness) ? null : Map.of("0.5", Json.reason(sharpness)),
            Map.of(
                "0.5",
                new SharpnessSummary.SliceOverPairs(
                    pairs.mean(),
                    pairs.ci95Low(),
                    pairs.ci95High(),
                    pairs.noIntervalBecause(),
                    pairs.n(),
                    new double[] {0.1, sharpness},
                    9,
                    new double[] {0.1, sharpness})));
    RecipeSummary recipe =
        new RecipeSummary(
            "high_lr_small_batch",
            0.1,
            32,
            null,
            0.1 / 32,
            "sgd",
            "constant",
            null,
            1.0,
            94L,
            "completed",
            null,
            false,
            1.5,
            0.4,
            0.85,
            0.5,
            0.82,
            0.1,
            new LandscapeSummary(
                5,
                List.of(-1.0, 1.0),
                "filter",
                false,
                "zero",
                "gaussian",
                "train",
                300,
                null,
                7,
                2,
                centreLoss,
                0.39,
                3.2),
            s,
            null,
            null);
    return new Summary(
        Summary.FORMAT,
        Summary.FORMAT_VERSION,
        "loss-landscape",
        "0.2.0",
        "2.18.0",
        "1.1.0",
        "cpu",
        "requested cpu",
        "cpu",
        false,
        new Summary.Threads(2, 1),
        42L,
        null,
        new DataSummary(
            "/data (--data-dir)",
            3000,
            1000,
            SHA,
            List.of(
                new DataFile("a", 1, SHA),
                new DataFile("b", 1, SHA),
                new DataFile("c", 1, SHA),
                new DataFile("d", 1, SHA)),
            List.of(28, 28, 1),
            10),
        PreprocessingSummary.of(0.28, 0.35),
        Map.of("train", 1.0),
        new ModelSummary("784-128-64-10", "relu", "he", 109386),
        new TrainingSummary("sgd", 0, "constant", "epochs", "1 epochs"),
        "definition",
        1,
        List.of(recipe),
        Map.of(
            "0.5",
            new OrderingSummary("direction_pairs", OrderingSummary.RULE, 0, List.of(), List.of())),
        verdict(sharpness),
        null,
        null,
        null);
  }

  /** A study summary with one trajectory and one interpolation pair whose test loss has NaN. */
  static Summary withPaths() {
    Summary s = summary(0.3, 0.1, MeanInterval.of(new double[] {0.2, 0.4}));
    TrajectorySummary trajectory =
        new TrajectorySummary(
            "high_lr_small_batch",
            TrajectorySummary.DEFINITION,
            List.of(0L, 47L, 94L),
            new double[] {0.9, 0.08},
            new double[] {3.1, 1.2, 0},
            new double[] {0.2, -0.4, 0},
            5,
            List.of(-3.9, 3.9),
            List.of(-0.5, 0.5),
            0.25,
            "train",
            300,
            0.4,
            0.39,
            6.5,
            "high_lr_small_batch/trajectory");
    InterpolationSummary interpolation =
        new InterpolationSummary(
            InterpolationSummary.DEFINITION,
            new double[] {-0.5, 0, 0.5, 1, 1.5},
            List.of(
                new InterpolationSummary.Pair(
                    "high_lr_small_batch",
                    "high_lr_large_batch",
                    null,
                    null,
                    new InterpolationSummary.Curve(
                        3000, new double[] {2, 0.4, 0.5, 0.45, 3}, new double[5], 0.05),
                    new InterpolationSummary.Curve(
                        1000, new double[] {2, 0.5, Double.NaN, 0.5, 3}, new double[5], Double.NaN),
                    "interpolation/high_lr_small_batch__high_lr_large_batch")));
    return new Summary(
        s.format(),
        s.formatVersion(),
        s.tool(),
        s.version(),
        s.tensorflowVersion(),
        s.tensorflowJavaVersion(),
        s.device(),
        s.deviceReason(),
        s.deviceRequested(),
        s.deviceFellBack(),
        s.threads(),
        s.seed(),
        s.weights(),
        s.data(),
        s.preprocessing(),
        s.timingsSeconds(),
        s.model(),
        s.training(),
        s.sharpnessDefinition(),
        s.seeds(),
        s.configs(),
        s.orderings(),
        s.verdict(),
        s.protocols(),
        List.of(trajectory),
        interpolation);
  }

  /** A verdict over four recipes x three seeds whose last seed of one recipe has {@code last}. */
  static Verdict verdict(double last) {
    List<RunMeasurements> runs = new ArrayList<>();
    Measure m = SliceMeasure.at(0.5, "filter");
    for (Recipe r : Recipes.defaults()) {
      for (int k = 0; k < 3; k++) {
        double value = r.learningRate() * 10 + k * 0.1;
        if (k == 2 && r.name().equals("low_lr_large_batch")) {
          value = last;
        }
        runs.add(
            new RunMeasurements(
                new RunId(r.name(), k, k), r, 0.3, 0.9, 0.4 + 0.01 * k, 0.8, Map.of(m, value)));
      }
    }
    return VerdictAnalysis.verdict(
        List.of(
            new VerdictAnalysis(1, 200)
                .protocol("epochs", "1 epochs", null, Recipes.defaults(), runs, List.of(m))));
  }

  private static JsonNode tree(Summary s) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Json.text(s));
  }

  @Test
  void aSummaryWithFiniteNumbersIsValid() throws Exception {
    JsonNode json = tree(summary(0.3, -0.5, MeanInterval.of(new double[] {0.2, 0.3, 0.4})));
    assertThat(SummarySchema.errors(json)).isEmpty();
    assertThat(json.path("format_version").asInt()).isEqualTo(3);
    assertThat(json.path("configs").get(0).has("effective_batch_size")).isFalse();
  }

  @Test
  void nonFiniteNumbersAreNullWithAMachineReadableReasonAndStillValid() throws Exception {
    JsonNode json =
        tree(
            summary(
                Double.POSITIVE_INFINITY,
                Double.NaN,
                MeanInterval.of(new double[] {0.1, Double.POSITIVE_INFINITY})));
    assertThat(SummarySchema.errors(json)).isEmpty();
    JsonNode pairs = json.at("/configs/0/sharpness/slice_over_pairs/0.5");
    assertThat(pairs.get("mean").isNull()).isTrue();
    assertThat(pairs.get("mean_reason").asText()).isEqualTo("positive_infinity");
    assertThat(pairs.get("no_interval_because").asText()).isEqualTo("non_finite");
    assertThat(pairs.has("ci95_low")).isFalse();
    assertThat(pairs.get("per_pair").get(1).isNull()).isTrue();
    assertThat(pairs.get("per_pair_reason").asText()).isEqualTo("positive_infinity");
    assertThat(json.at("/configs/0/sharpness/slice/0.5").isNull()).isTrue();
    assertThat(json.at("/configs/0/sharpness/slice_reasons/0.5").asText())
        .isEqualTo("positive_infinity");
    JsonNode landscape = json.at("/configs/0/landscape");
    assertThat(landscape.get("center_loss").isNull()).isTrue();
    assertThat(landscape.get("center_loss_reason").asText()).isEqualTo("not_a_number");
    // The verdict lists the recipe whose last seed is infinite as not testable.
    JsonNode values = json.at("/verdict/protocols/0/measures/0/recipes/3");
    assertThat(values.get("mean").isNull()).isTrue();
    assertThat(values.get("mean_reason").asText()).isEqualTo("positive_infinity");
    assertThat(values.get("per_seed_reason").asText()).isEqualTo("positive_infinity");
    assertThat(json.at("/verdict/protocols/0/measures/0/pairs").toString())
        .contains("\"not_tested_because\":\"non_finite\"");
  }

  @Test
  void oneValueGivesNoIntervalAndSaysSo() throws Exception {
    JsonNode json = tree(summary(0.3, 0.1, MeanInterval.of(new double[] {0.3})));
    assertThat(SummarySchema.errors(json)).isEmpty();
    JsonNode pairs = json.at("/configs/0/sharpness/slice_over_pairs/0.5");
    assertThat(pairs.get("no_interval_because").asText()).isEqualTo("single_value");
    assertThat(pairs.has("ci95_low")).isFalse();
  }

  @Test
  void trajectoriesAndInterpolationAreValidAndNonFiniteCurvePointsCarryAReason() throws Exception {
    JsonNode json = tree(withPaths());
    assertThat(SummarySchema.errors(json)).isEmpty();
    assertThat(json.at("/trajectories/0/proj_xcoord").get(0).asDouble()).isEqualTo(3.1);
    assertThat(json.at("/trajectories/0/explained_variance_ratio").size()).isEqualTo(2);
    JsonNode test = json.at("/interpolation/pairs/0/test");
    assertThat(test.get("loss").get(2).isNull()).isTrue();
    assertThat(test.get("loss_reason").asText()).isEqualTo("not_a_number");
    assertThat(test.get("barrier_reason").asText()).isEqualTo("not_a_number");
    assertThat(json.at("/interpolation/pairs/0").has("from_weights")).isFalse();

    ObjectNode noRatios = json.deepCopy();
    ((ObjectNode) noRatios.at("/trajectories/0")).remove("explained_variance_ratio");
    assertThat(SummarySchema.errors(noRatios)).isNotEmpty();

    ObjectNode ratioAboveOne = json.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            ratioAboveOne.at("/trajectories/0/explained_variance_ratio"))
        .set(0, 1.5);
    assertThat(SummarySchema.errors(ratioAboveOne)).isNotEmpty();

    // An interpolate-command summary: no seed, no training, two models, the folders named.
    ObjectNode command = json.deepCopy();
    for (String study : List.of("seed", "training", "seeds", "orderings", "verdict")) {
      command.remove(study);
    }
    command.remove("trajectories");
    command.remove("sharpness_definition");
    ((com.fasterxml.jackson.databind.node.ArrayNode) command.get("configs"))
        .add(command.get("configs").get(0).deepCopy());
    ObjectNode pair = (ObjectNode) command.at("/interpolation/pairs/0");
    assertThat(SummarySchema.errors(command)).as("folders missing").isNotEmpty();
    pair.put("from_weights", "/a");
    pair.put("to_weights", "/b");
    assertThat(SummarySchema.errors(command)).isEmpty();
    ObjectNode halfStudy = command.deepCopy();
    halfStudy.set("orderings", json.get("orderings"));
    assertThat(SummarySchema.errors(halfStudy)).as("a study missing its seed").isNotEmpty();
  }

  @Test
  void theSchemaRejectsWhatABrokenWriterWouldProduce() throws Exception {
    JsonNode good = tree(summary(0.3, 0.1, MeanInterval.of(new double[] {0.2, 0.4})));

    ObjectNode stringForANumber = good.deepCopy();
    ((ObjectNode) stringForANumber.at("/configs/0/landscape")).put("center_loss", "undefined");
    assertThat(SummarySchema.errors(stringForANumber)).isNotEmpty();

    ObjectNode unknownField = good.deepCopy();
    unknownField.put("extra", 1);
    assertThat(SummarySchema.errors(unknownField)).isNotEmpty();

    ObjectNode missingFormat = good.deepCopy();
    missingFormat.remove("format_version");
    assertThat(SummarySchema.errors(missingFormat)).isNotEmpty();

    ObjectNode nullWithoutInterval = good.deepCopy();
    ((ObjectNode) nullWithoutInterval.at("/configs/0/sharpness/slice_over_pairs/0.5"))
        .remove("ci95_high");
    assertThat(SummarySchema.errors(nullWithoutInterval)).isNotEmpty();

    ObjectNode badReason = good.deepCopy();
    ((ObjectNode) badReason.at("/configs/0")).put("test_loss_reason", "oops");
    assertThat(SummarySchema.errors(badReason)).isNotEmpty();
  }
}
