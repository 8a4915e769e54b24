package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslandscape.pipeline.results.Json;

/**
 * Every built-in network, a JSON network file and a Keras model's architecture run through a small
 * study (train two recipes, slice, measure the Hessian, judge, draw, write), and the model folder a
 * study writes slices back to the same surface with {@code landscape --weights}.
 */
class BuiltInNetworksIT {

  static Stream<Arguments> networks() throws Exception {
    Path keras =
        Path.of(
            BuiltInNetworksIT.class
                .getResource("/org/losslandscape/pipeline/imports/keras/cnn_bn/model.keras")
                .toURI());
    return Stream.of(
        Arguments.of("lenet", List.of("--model", "lenet")),
        Arguments.of("vgg", List.of("--model", "vgg", "--width", "4")),
        Arguments.of(
            "resnet",
            List.of("--model", "resnet", "--depth", "8", "--width", "4", "--skip", "yes,no")),
        Arguments.of("json", List.of("--model-file", "JSON")),
        Arguments.of("keras", List.of("--model-file", keras.toString())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void runsAStudyAndSlicesItsSavedModelAgain(String name, List<String> network, @TempDir Path dir)
      throws Exception {
    Path data = Path.of(BuiltInNetworksIT.class.getResource("/fashion-mnist-subset").toURI());
    Path json = dir.resolve("net.json");
    Files.writeString(
        json,
        """
        {"name": "tiny-cnn", "layers": [
          {"type": "conv2d", "filters": 4, "kernel": 3, "stride": 2, "padding": "same"},
          {"type": "batch_norm"}, {"type": "tanh"},
          {"type": "residual", "body": [{"type": "conv2d", "filters": 4, "kernel": 3,
           "padding": "same"}, {"type": "relu"}]},
          {"type": "average_pool", "size": 2}, {"type": "flatten"}, {"type": "dropout", "rate": 0.1},
          {"type": "dense", "units": 10}]}
        """);
    List<String> args = new ArrayList<>();
    for (String a : network) {
      args.add(a.equals("JSON") ? json.toString() : a);
    }
    Path out = dir.resolve("out");
    args.addAll(
        List.of(
            "--data-dir", data.toString(),
            "--out", out.toString(),
            "--cache-dir", dir.resolve("cache").toString(),
            "--configs", "high_lr_small_batch,low_lr_large_batch",
            "--steps", "30",
            "--seeds", "1",
            "--grid-size", "5",
            "--landscape-samples", "100",
            "--direction-pairs", "1",
            "--eps", "0.5",
            "--measures", "hessian,spectral-norm",
            "--device", "cpu",
            "--progress", "log"));
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    JsonNode summary = Json.read(out.resolve("summary.json"));
    assertThat(summary.toString()).contains("lambda_max");
    assertThat(out.resolve("comparison.png")).exists();

    // The first recipe's model folder, sliced again by the landscape command: the same surface.
    Path recipe;
    try (Stream<Path> folders = Files.list(out)) {
      recipe =
          folders
              .filter(p -> Files.isRegularFile(p.resolve("model.json")))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    Path again = dir.resolve("again");
    int sliced =
        Main.run(
            new PrintWriter(err, true),
            "landscape",
            "--weights",
            recipe.toString(),
            "--data-dir",
            data.toString(),
            "--out",
            again.toString(),
            "--grid-size",
            "5",
            "--landscape-samples",
            "100",
            "--direction-pairs",
            "1",
            "--eps",
            "0.5",
            "--device",
            "cpu",
            "--progress",
            "log");
    assertThat(sliced).as(err.toString()).isZero();
    byte[] first = Files.readAllBytes(recipe.resolve("loss.npy"));
    byte[] second = Files.readAllBytes(again.resolve("model").resolve("loss.npy"));
    assertThat(second).isEqualTo(first);
  }
}
