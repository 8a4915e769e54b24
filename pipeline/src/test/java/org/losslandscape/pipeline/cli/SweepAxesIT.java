package org.losslandscape.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslandscape.pipeline.summary.SummarySchema;

/**
 * A sweep over the further axes of a generalization study (width, depth, dropout, training-set
 * size, weight decay, momentum) on the committed Fashion-MNIST subset: every setting trains as its
 * recipe says, the summary records each recipe's variation, and the verdict treats the axes that
 * vary as its axes, with granulated tau per axis and a settings-level test.
 */
class SweepAxesIT {

  @TempDir Path tmp;

  @Test
  void everyAxisOfTheFactorialReachesTrainingTheSummaryAndTheVerdict() throws Exception {
    Path data = Path.of(getClass().getResource("/fashion-mnist-subset").toURI());
    Path out = tmp.resolve("out");
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                "--data-dir",
                data.toString(),
                "--out",
                out.toString(),
                "--cache-dir",
                tmp.resolve("cache").toString(),
                "--lrs",
                "0.1",
                "--batches",
                "64",
                "--widths",
                "16,32",
                "--depths",
                "1,2",
                "--dropouts",
                "0,0.2",
                "--train-sizes",
                "1000,2000",
                "--weight-decays",
                "0.0005",
                "--momenta",
                "0.9",
                "--seeds",
                "1",
                "--steps",
                "30",
                "--grid-size",
                "5",
                "--landscape-samples",
                "200",
                "--direction-pairs",
                "1",
                "--eps",
                "0.5",
                "--measures",
                "none",
                "--device",
                "cpu",
                "--no-plots"));
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();

    JsonNode summary = SummarySchema.assertValid(out.resolve("summary.json"));
    JsonNode configs = summary.path("configs");
    assertThat(configs).hasSize(16); // 2 widths x 2 depths x 2 dropouts x 2 training-set sizes
    JsonNode first = configs.get(0);
    assertThat(first.path("name").asText()).isEqualTo("lr0.1_b64_w16_d1_wd0.0005_do0_m0.9_n1000");
    assertThat(first.path("variation").path("hidden").toString()).isEqualTo("[16]");
    assertThat(first.path("variation").path("train_size").asInt()).isEqualTo(1000);
    assertThat(first.path("optimizer").asText()).contains("momentum");
    // A training subset of 1000 at batch 64 is 16 steps an epoch; 30 steps cover 1.875 epochs.
    assertThat(first.path("epochs").asDouble())
        .isCloseTo(30.0 / 16, org.assertj.core.api.Assertions.within(1e-9));
    JsonNode deep = configs.get(4); // w16, d2 (training-set size varies fastest, then dropout)
    assertThat(deep.path("variation").path("hidden").toString()).isEqualTo("[16,16]");

    JsonNode protocol = summary.path("verdict").path("protocols").get(0);
    assertThat(protocol.path("axes").toString())
        .isEqualTo("[\"width\",\"depth\",\"dropout\",\"train_size\"]");
    JsonNode prediction = protocol.path("measures").get(0).path("predictions").get(0);
    assertThat(prediction.path("settings").asInt()).isEqualTo(16);
    assertThat(prediction.path("testable").asBoolean()).isTrue();
    assertThat(prediction.path("psi")).hasSize(4);
    // Settings differing in exactly one of four two-valued axes: 16 x 4 / 2 pairs.
    assertThat(prediction.path("sign_error").path("environments").asInt()).isEqualTo(32);
  }
}
