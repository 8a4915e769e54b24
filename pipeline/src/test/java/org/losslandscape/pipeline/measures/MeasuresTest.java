package org.losslandscape.pipeline.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * The registry's laws, which every measure added to it must keep: names, sections and verdict keys
 * are unique, every value has a unit, every section has a schema that is a JSON object, and {@code
 * --measures} names come from the list.
 */
class MeasuresTest {

  private static final MeasureSetup EVERYTHING =
      new MeasureSetup(
          SliceSettings.defaults(),
          MeasureSettings.defaults()
              .withSelected(Set.copyOf(Measures.selectable()))
              .withMSharpness(128));

  @Test
  void namesSectionsAndKeysAreUnique() {
    List<String> names = Measures.ALL.stream().map(ModelMeasure::name).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(
            Measures.ALL.stream()
                .filter(m -> m.summaryType() != null)
                .map(ModelMeasure::sectionName)
                .toList())
        .doesNotHaveDuplicates()
        .doesNotContain("loss");
    List<String> keys =
        Measures.ALL.stream()
            .flatMap(m -> m.measures(EVERYTHING).stream())
            .map(Measure::key)
            .toList();
    assertThat(keys).doesNotHaveDuplicates().isNotEmpty();
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      assertThat(Measures.named(m.name())).containsSame(m);
    }
  }

  @Test
  void eachValueHasTheUnitOfItsKind() {
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      for (Measure v : m.measures(EVERYTHING)) {
        assertThat(v.unit()).as(v.key()).isNotBlank();
        assertThat(v.definition()).as(v.key()).isNotBlank();
      }
    }
    // Curvature and Keskar's phi are not loss increases.
    assertThat(HessianMeasure.LAMBDA_MAX.unit()).isEqualTo("nats per unit² of weight");
    assertThat(HessianMeasure.trace(30).unit()).isEqualTo("nats per unit² of weight");
    assertThat(WorstCaseMeasure.keskar(1e-3).unit()).isEqualTo("% of 1 + L(w)");
    for (Measure m :
        List.of(
            SliceMeasure.at(0.5, "filter"),
            WorstCaseMeasure.sam(0.05),
            WorstCaseMeasure.asam(0.5, 0.01),
            AverageCaseMeasure.isotropic(0.01),
            AverageCaseMeasure.elementScaled(0.1))) {
      assertThat(m.unit()).as(m.key()).isEqualTo("nats of loss increase");
    }
  }

  @Test
  void everySectionHasAnObjectSchema() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (ModelMeasure<?, ?> m : Measures.ALL) {
      if (m.summaryType() == null) {
        assertThat(m.summarySchema()).as(m.name()).isEmpty();
        continue;
      }
      JsonNode schema = mapper.readTree(m.summarySchema());
      assertThat(schema.path("type").asText()).as(m.name()).isEqualTo("object");
    }
  }

  @Test
  void theCommandLineNamesComeFromTheList() {
    assertThat(Measures.parse(List.of("all"))).containsExactlyElementsOf(Measures.selectable());
    assertThat(Measures.parse(List.of("none"))).isEmpty();
    assertThat(Measures.parse(List.of(" Average-Case ", "hessian")))
        .containsExactly("hessian", "average-case");
    assertThat(Measures.selectable()).doesNotContain(Measures.SLICE.name());
    assertThatThrownBy(() -> Measures.parse(List.of("hessain")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown measure 'hessain' (use all, none, or some of "
                + String.join(", ", Measures.selectable())
                + ")");
    for (String name : Measures.selectable()) {
      assertThat(Measures.help()).as("the help of --measures").contains(name + " (");
    }
  }
}
