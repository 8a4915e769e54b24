package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.models.network.BuiltInNetworks;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.network.Padding;

/** The JSON network file: every built-in survives a round trip, and mistakes are named. */
class NetworkSpecJsonTest {

  @Test
  void builtInsRoundTrip() throws Exception {
    for (NetworkSpec spec :
        new NetworkSpec[] {
          BuiltInNetworks.lenet(10),
          BuiltInNetworks.vgg(8, true, 10),
          BuiltInNetworks.resnet(14, 4, true, 10),
          BuiltInNetworks.resnet(8, 4, false, 3)
        }) {
      JsonNode json = NetworkSpecJson.toJson("n", spec);
      String text = JsonMappers.base().writeValueAsString(json);
      NetworkSpecJson.NamedSpec back =
          NetworkSpecJson.parse(JsonMappers.base().readTree(text), "test", "x");
      assertThat(back.spec()).isEqualTo(spec);
      assertThat(back.name()).isEqualTo("n");
    }
  }

  @Test
  void readsTheDocumentedShortForms(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("small-cnn.json");
    Files.writeString(
        file,
        """
        {"layers": [
          {"type": "conv2d", "filters": 4, "kernel": 3, "padding": "same"},
          {"type": "relu"},
          {"type": "max_pool"},
          {"type": "residual", "body": [{"type": "conv2d", "filters": 4, "kernel": 3,
           "padding": "same", "name": "inner"}]},
          {"type": "flatten"},
          {"type": "dense", "units": 10}]}
        """);
    NetworkSpecJson.NamedSpec read = NetworkSpecJson.read(file);
    assertThat(read.name()).isEqualTo("small-cnn");
    assertThat(read.spec().layers().get(0))
        .isEqualTo(new LayerSpec.Conv2d(null, 4, 3, 3, 1, 1, Padding.SAME, true));
    assertThat(read.spec().layers().get(2))
        .isEqualTo(new LayerSpec.Pool2d(null, LayerSpec.PoolKind.MAX, 2, 2, Padding.VALID));
    LayerSpec.Residual block = (LayerSpec.Residual) read.spec().layers().get(3);
    assertThat(block.skip()).isTrue();
    assertThat(block.shortcut()).isEmpty();
    assertThat(block.body().get(0).name()).isEqualTo("inner");
  }

  /** Zero padding: one number for every side, or each side alone; written back side by side. */
  @Test
  void zeroPaddingReadsBothFormsAndRoundTrips() throws Exception {
    NetworkSpec spec =
        NetworkSpecJson.parse(
                JsonMappers.base()
                    .readTree(
                        """
                        {"layers": [
                          {"type": "zero_pad", "padding": 1},
                          {"type": "zero_pad", "name": "uneven", "top": 0, "bottom": 1,
                           "left": 2, "padding": 3},
                          {"type": "conv2d", "filters": 2, "kernel": 3, "stride": 2}]}
                        """),
                "test",
                "x")
            .spec();
    assertThat(spec.layers().get(0)).isEqualTo(new LayerSpec.ZeroPad2d(null, 1, 1, 1, 1));
    assertThat(spec.layers().get(1)).isEqualTo(new LayerSpec.ZeroPad2d("uneven", 0, 1, 2, 3));
    String text = JsonMappers.base().writeValueAsString(NetworkSpecJson.toJson("n", spec));
    assertThat(NetworkSpecJson.parse(JsonMappers.base().readTree(text), "test", "x").spec())
        .isEqualTo(spec);
  }

  @Test
  void mistakesAreOneLineAndNamed(@TempDir Path dir) throws Exception {
    assertFails(dir, "{\"layers\": [{\"type\": \"lstm\", \"units\": 3}]}", "layers[0]", "lstm");
    assertFails(dir, "{\"layers\": [{\"type\": \"dense\", \"unit\": 3}]}", "unknown key \"unit\"");
    assertFails(dir, "{\"layers\": [{\"type\": \"dense\"}]}", "\"units\" is required");
    assertFails(dir, "{\"layers\": [{\"type\": \"dense\", \"units\": 0}]}", "units must be >= 1");
    assertFails(dir, "{\"layers\": [{\"type\": \"dropout\", \"rate\": 1}]}", "[0, 1)");
    assertFails(dir, "{\"layers\": []}", "empty");
    assertFails(
        dir, "{\"layers\": [{\"type\": \"zero_pad\", \"padding\": -1}]}", "layers[0]", ">= 0");
    assertFails(
        dir, "{\"layers\": [{\"type\": \"zero_pad\", \"padding\": \"same\"}]}", "whole number");
    assertFails(dir, "{\"layers\": [", "not valid JSON");
    assertFails(
        dir,
        "{\"layers\": [{\"type\": \"residual\", \"body\": [{\"type\": \"conv2d\"}]}]}",
        "layers[0].body[0]",
        "\"filters\" is required");
    assertThatThrownBy(() -> NetworkSpecJson.read(dir.resolve("absent.json")))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("does not exist");
  }

  private static void assertFails(Path dir, String json, String... fragments) throws Exception {
    Path file = dir.resolve("net.json");
    Files.writeString(file, json);
    assertThatThrownBy(() -> NetworkSpecJson.read(file))
        .isInstanceOf(ResultsException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(fragments));
  }
}
