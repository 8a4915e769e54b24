package org.losslandscape.pipeline.imports.pgdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.losslandscape.pipeline.data.DataException;

/**
 * {@code model_configs.json} beyond the fixture: ids, value types, and each missing field named.
 */
class PgdlModelConfigsTest {

  @TempDir Path folder;

  private Path write(String json) throws IOException {
    return Files.writeString(folder.resolve("model_configs.json"), json);
  }

  private static String model(String hparams, String metrics) {
    return "{\"hparams\": {" + hparams + "}, \"metrics\": {" + metrics + "}}";
  }

  private static final String ACCURACIES = "\"train_acc\": 1.0, \"test_acc\": 0.75";

  @Test
  void bareAndPrefixedIdsBecomeFolderNamesInNumericOrder() throws IOException {
    Path file =
        write(
            "{\"10\": "
                + model("", ACCURACIES)
                + ", \"model_2\": "
                + model("", ACCURACIES)
                + ", \"1\": "
                + model("", ACCURACIES)
                + "}");
    assertThat(PgdlModelConfigs.read(file))
        .extracting(PgdlModelSpec::id)
        .containsExactly("model_1", "model_2", "model_10");
  }

  @Test
  void valuesKeepTheirTypeAndNumbersCompareByValue() throws IOException {
    Path file =
        write(
            "{\"1\": "
                + model(
                    "\"convwidth\": {\"current_value\": 256.0, \"possible_values\": [256, 512]},"
                        + "\"optimizer\": {\"current_value\": \"sgd\", \"possible_values\": [\"sgd\", \"adam\"]},"
                        + "\"reversed\": {\"current_value\": true, \"possible_values\": [false, true]},"
                        + "\"dense\": {\"current_value\": [256, 256], \"possible_values\": [[512], [256, 256]]}",
                    ACCURACIES + ", \"train_loss\": 0.01, \"note\": \"text is not a metric\"")
                + "}");
    PgdlModelSpec spec = PgdlModelConfigs.read(file).get(0);
    assertThat(spec.hyperparameters())
        .containsExactly(
            new PgdlHyperparameter(
                "convwidth",
                new PgdlValue.Numeric(256),
                List.of(new PgdlValue.Numeric(256), new PgdlValue.Numeric(512))),
            new PgdlHyperparameter(
                "dense",
                new PgdlValue.Structured("[256,256]"),
                List.of(new PgdlValue.Structured("[512]"), new PgdlValue.Structured("[256,256]"))),
            new PgdlHyperparameter(
                "optimizer",
                new PgdlValue.Text("sgd"),
                List.of(new PgdlValue.Text("sgd"), new PgdlValue.Text("adam"))),
            new PgdlHyperparameter(
                "reversed",
                new PgdlValue.Flag(true),
                List.of(new PgdlValue.Flag(false), new PgdlValue.Flag(true))));
    assertThat(spec.hyperparameters().get(0).value()).hasToString("256");
    assertThat(spec.metrics())
        .containsExactly(
            new PgdlMetric("test_acc", 0.75),
            new PgdlMetric("train_acc", 1.0),
            new PgdlMetric("train_loss", 0.01));
    assertThat(spec.generalizationGap()).isEqualTo(0.25);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"1\": {\"metrics\": {}}}|model '1' field 'hparams' is missing",
        "{\"1\": {\"hparams\": [], \"metrics\": {}}}|model '1' field 'hparams' is not an object",
        "{\"1\": {\"hparams\": {}}}|model '1' field 'metrics' is missing",
        "{\"1\": {\"hparams\": {}, \"metrics\": {\"test_acc\": 0.5}}}|model '1' metrics.train_acc is missing",
        "{\"1\": {\"hparams\": {}, \"metrics\": {\"train_acc\": 0.5}}}|model '1' metrics.test_acc is missing",
        "{\"1\": {\"hparams\": {}, \"metrics\": {\"train_acc\": \"0.5\", \"test_acc\": 0.5}}}|model '1' metrics.train_acc is not a finite number: \"0.5\"",
        "{\"1\": {\"hparams\": {\"lr\": {\"possible_values\": [1]}}, \"metrics\": {}}}|model '1' hparams.lr.current_value is missing",
        "{\"1\": {\"hparams\": {\"lr\": {\"current_value\": null, \"possible_values\": [1]}}, \"metrics\": {}}}|model '1' hparams.lr.current_value is null",
        "{\"1\": {\"hparams\": {\"lr\": {\"current_value\": 1}}, \"metrics\": {}}}|model '1' hparams.lr.possible_values is missing",
        "{\"1\": {\"hparams\": {\"lr\": {\"current_value\": 3, \"possible_values\": [1, 2]}}, \"metrics\": {}}}|model '1' hparams.lr.current_value is 3, not one of the possible values [1, 2]",
        "[1, 2]|the top level is not an object of models keyed by id",
        "{}|the top level lists no model",
        "{\"1\": 5}|model '1' is not an object with hparams and metrics",
      })
  void aMissingOrWrongFieldIsNamed(String json, String problem) throws IOException {
    Path file = write(json);
    assertThatThrownBy(() -> PgdlModelConfigs.read(file))
        .isInstanceOf(DataException.class)
        .hasMessage("PGDL file " + file + ": " + problem);
  }

  @Test
  void theSameModelTwiceIsRefused() throws IOException {
    Path file =
        write("{\"3\": " + model("", ACCURACIES) + ", \"model_3\": " + model("", ACCURACIES) + "}");
    assertThatThrownBy(() -> PgdlModelConfigs.read(file))
        .isInstanceOf(DataException.class)
        .hasMessage("PGDL file " + file + ": model 'model_3' is listed twice (as model_3)");
  }

  @Test
  void brokenJsonSaysWhere() throws IOException {
    Path file = write("{\"1\": {\"hparams\": {}\n, \"metrics\": ");
    assertThatThrownBy(() -> PgdlModelConfigs.read(file))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("cannot parse " + file + ": not valid JSON at line 2")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = folder.resolve("nowhere.json");
    assertThatThrownBy(() -> PgdlModelConfigs.read(file))
        .isInstanceOf(DataException.class)
        .hasMessage("missing file " + file);
  }
}
