package org.losslandscape.pipeline.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.pipeline.io.FuzzInputs;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * Fuzzes the Keras config mapping ({@link KerasConfig#parse(String, String)}) with the input as the
 * config's text: it either maps to a consistent architecture or fails with a one-line {@link
 * ResultsException} naming the file, never with another exception. Seeds (real configs of the
 * fixtures, Keras 2 spellings, unsupported layers, truncated JSON) are written by {@code
 * src/test/python/make_keras_fixtures.py}.
 */
class KerasConfigFuzzTest {

  private static final String SOURCE = "/models/fuzzed.keras";

  @FuzzTest
  void config(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    FuzzInputs.withinAllocationBudget(FuzzInputs.ALLOCATION_BUDGET_BYTES, () -> mapOrRefuse(text));
  }

  private static void mapOrRefuse(String text) {
    KerasArchitecture architecture;
    try {
      architecture = KerasConfig.parse(text, SOURCE);
    } catch (ResultsException e) {
      FuzzInputs.assertOneLineNaming(e, SOURCE);
      return;
    }
    assertThat(architecture.classes()).isPositive();
    assertThat(architecture.inputShape().size()).isPositive();
    // Every tensor belongs to a named layer of the spec, once.
    Set<String> layerNames = new HashSet<>();
    collectNames(architecture.spec().layers(), layerNames);
    Set<String> tensorNames = new HashSet<>();
    for (KerasTensor tensor : architecture.tensors()) {
      assertThat(layerNames).contains(tensor.layer());
      assertThat(tensorNames.add(tensor.name())).as("unique " + tensor.name()).isTrue();
      assertThat(Arrays.stream(tensor.shape()).allMatch(d -> d >= 1)).isTrue();
    }
  }

  private static void collectNames(List<LayerSpec> layers, Set<String> names) {
    for (LayerSpec layer : layers) {
      if (layer.name() != null) {
        names.add(layer.name());
      }
      if (layer instanceof LayerSpec.Residual r) {
        collectNames(r.body(), names);
        collectNames(r.shortcut(), names);
      }
    }
  }
}
