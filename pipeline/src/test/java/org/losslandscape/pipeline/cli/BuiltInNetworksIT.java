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

    // The line between the two recipes' models of one architecture (their batch-norm statistics,
    // if any, differ: a bug refused every such pair as "the architectures differ").
    List<Path> sameArchitecture = sameArchitecture(out);
    Path lines = dir.resolve("lines");
    int interpolated =
        Main.run(
            new PrintWriter(err, true),
            "interpolate",
            "--from",
            sameArchitecture.get(0).toString(),
            "--to",
            sameArchitecture.get(1).toString(),
            "--data-dir",
            data.toString(),
            "--out",
            lines.toString(),
            "--interpolation-points",
            "5",
            "--device",
            "cpu",
            "--no-plots");
    assertThat(interpolated).as(err.toString()).isZero();
    JsonNode line = Json.read(lines.resolve("summary.json"));
    JsonNode test = line.at("/interpolation/pairs/0/test/loss");
    assertThat(test).hasSize(5);
    test.forEach(v -> assertThat(v.isNumber()).as("finite loss along the line: %s", test).isTrue());
    // The line's end is the second model itself, statistics included.
    assertThat(test.get(3).asDouble()).isEqualTo(line.at("/configs/1/test_loss").asDouble());
  }

  /** Two model folders of the study whose networks are the same (the first such pair). */
  private static List<Path> sameArchitecture(Path out) throws Exception {
    List<Path> folders;
    try (Stream<Path> listed = Files.list(out)) {
      folders = listed.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().toList();
    }
    for (Path a : folders) {
      for (Path b : folders) {
        String archA = Json.read(a.resolve("model.json")).path("architecture").asText();
        String archB = Json.read(b.resolve("model.json")).path("architecture").asText();
        if (!a.equals(b) && archA.equals(archB)) {
          return List.of(a, b);
        }
      }
    }
    throw new AssertionError("no two models of one architecture in " + folders);
  }
}
