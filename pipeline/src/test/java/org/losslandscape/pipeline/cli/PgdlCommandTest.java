package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.results.Json;

/**
 * {@code pgdl} on the fixture task (six small CNNs): every model is measured, every measure is
 * scored by CMI and Kendall's tau, and the scores are consistent with the per-model numbers.
 */
class PgdlCommandTest {

  private static Path task() throws Exception {
    return Path.of(
        PgdlCommandTest.class
            .getResource(
                "/org/losslandscape/pipeline/imports/pgdl/public_data/input_data/task_tiny")
            .toURI());
  }

  @Test
  void measuresAndScoresEveryModel(@TempDir Path out) throws Exception {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "pgdl",
            task().toString(),
            "--measures",
            "hessian,spectral-norm",
            "--landscape-samples",
            "96",
            "--out",
            out.toString());
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode report = Json.read(out.resolve("pgdl.json"));
    assertThat(report.get("models").asInt()).isEqualTo(6);
    assertThat(report.get("per_model")).hasSize(6);
    for (JsonNode model : report.get("per_model")) {
      assertThat(model.get("measures").size()).isGreaterThanOrEqualTo(3);
      assertThat(model.get("train_accuracy").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(report.get("scores")).isNotEmpty();
    for (JsonNode score : report.get("scores")) {
      double tau = score.get("kendall_tau").asDouble();
      assertThat(tau).isBetween(-1.0, 1.0);
      double cmi = score.get("conditional_mutual_information").asDouble();
      assertThat(cmi).isBetween(0.0, 1.0);
    }
    // Kendall's tau recomputed from the per-model numbers, pair by pair.
    JsonNode first = report.get("scores").get(0);
    String key = first.get("key").asText();
    int n = report.get("per_model").size();
    double[] m = new double[n];
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode model = report.get("per_model").get(i);
      g[i] = model.get("gap").asDouble();
      for (JsonNode v : model.get("measures")) {
        if (v.get("key").asText().equals(key)) {
          m[i] = v.get("value").asDouble();
        }
      }
    }
    double concordant = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        concordant += Math.signum(m[i] - m[j]) * Math.signum(g[i] - g[j]);
      }
    }
    assertThat(first.get("kendall_tau").asDouble())
        .isCloseTo(concordant / (n * (n - 1) / 2.0), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Files.readString(out.resolve("PGDL.md"))).contains("| measure | CMI |");
  }

  @Test
  void aMissingTaskIsOneLine(@TempDir Path out) {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(err, true),
            "pgdl",
            out.resolve("no-such-task").toString(),
            "--out",
            out.resolve("o").toString());
    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("no-such-task");
  }
}
