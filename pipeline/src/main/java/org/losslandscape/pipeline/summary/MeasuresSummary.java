package org.losslandscape.pipeline.summary;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The measures beyond the slices of one run (the recipe's first seed), each with the settings that
 * produced it: the loss they were taken on, then one section per measure that was asked for, named
 * and shaped by the measure ({@code org.losslandscape.pipeline.measures}), in the registry's order.
 *
 * @param loss the mean training loss on the measure samples at the trained weights
 * @param sections each measure's section, written as a field named after it
 */
public record MeasuresSummary(double loss, @JsonIgnore List<Section> sections) {

  public MeasuresSummary {
    sections = List.copyOf(sections);
  }

  /**
   * One measure's part.
   *
   * @param name its field name, e.g. {@code worst_case}
   * @param body its record
   */
  public record Section(String name, Record body) {

    public Section {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
    }
  }

  /** The sections as the fields Jackson writes after {@code loss}. */
  @JsonAnyGetter
  public Map<String, Record> fields() {
    Map<String, Record> fields = new LinkedHashMap<>();
    sections.forEach(s -> fields.put(s.name(), s.body()));
    return fields;
  }

  /** The section called {@code name} as a {@code type}, if present. */
  public <S extends Record> Optional<S> section(String name, Class<S> type) {
    return sections.stream()
        .filter(s -> s.name().equals(name) && type.isInstance(s.body()))
        .map(s -> type.cast(s.body()))
        .findFirst();
  }
}
