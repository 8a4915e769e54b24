package org.losslandscape.pipeline.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslandscape.pipeline.config.Recipe;

/**
 * The hyperparameters that vary between a study's settings (its recipes), and each setting's value
 * on them: the axes along which the verdict's granulated and coupled statistics compare settings. A
 * hyperparameter that every recipe shares is not an axis.
 *
 * @param names the varying hyperparameters, in a fixed order
 * @param values each recipe's values on them, by recipe name
 */
record Axes(List<String> names, Map<String, List<String>> values) {

  /** The axes of {@code recipes}. */
  static Axes of(List<Recipe> recipes) {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (Recipe r : recipes) {
      all.put(r.name(), r.hyperparameters());
    }
    Set<String> candidates = new LinkedHashSet<>();
    all.values().forEach(h -> candidates.addAll(h.keySet()));
    List<String> names = new ArrayList<>();
    for (String axis : candidates) {
      Set<String> seen = new LinkedHashSet<>();
      all.values().forEach(h -> seen.add(h.getOrDefault(axis, "")));
      if (seen.size() > 1) {
        names.add(axis);
      }
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    all.forEach(
        (recipe, h) -> values.put(recipe, names.stream().map(a -> h.getOrDefault(a, "")).toList()));
    return new Axes(List.copyOf(names), values);
  }

  /** {@code recipe}'s value on each axis. */
  List<String> valuesOf(Recipe recipe) {
    return values.get(recipe.name());
  }
}
