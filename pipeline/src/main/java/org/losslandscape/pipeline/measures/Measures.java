package org.losslandscape.pipeline.measures;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry: every measure the tool knows, in the order they are computed, listed and written.
 * The summary, the tables, the verdict, the report, the schema, the sweep's codec and {@code
 * --measures} all iterate this list; adding a measure is a class and a line here.
 */
public final class Measures {

  /** Unit of a loss increase. */
  static final String LOSS_INCREASE = "nats of loss increase";

  /** Unit of curvature: a loss per squared weight step. */
  static final String CURVATURE = "nats per unit² of weight";

  /** Slice sharpness at each radius (always on). */
  public static final SliceMeasure SLICE = new SliceMeasure();

  /** The top Hessian eigenvalues and the trace. */
  public static final HessianMeasure HESSIAN = new HessianMeasure();

  /** The Hessian's eigenvalue density (its figure is drawn from it). */
  public static final SpectrumMeasure SPECTRUM = new SpectrumMeasure();

  /** Worst-case sharpness (the only one {@code --m-sharpness} adds to). */
  public static final WorstCaseMeasure WORST_CASE = new WorstCaseMeasure();

  /** Average-case sharpness. */
  public static final AverageCaseMeasure AVERAGE_CASE = new AverageCaseMeasure();

  /** Jiang et al.'s log product of the layers' squared spectral norms. */
  public static final SpectralNormMeasure SPECTRAL_NORM = new SpectralNormMeasure();

  /** Every measure, in the order they are computed, listed and written. */
  public static final List<ModelMeasure<?, ?>> ALL =
      List.of(SLICE, HESSIAN, SPECTRUM, WORST_CASE, AVERAGE_CASE, SPECTRAL_NORM);

  private Measures() {}

  /** The measure called {@code name} ({@code --measures} name), if any. */
  public static Optional<ModelMeasure<?, ?>> named(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The measure whose {@code summary.json} section is {@code section}, if any. */
  public static Optional<ModelMeasure<?, ?>> withSection(String section) {
    return ALL.stream()
        .filter(m -> m.summaryType() != null && m.sectionName().equals(section))
        .findFirst();
  }

  /** The names {@code --measures} takes, beyond {@code all} and {@code none}. */
  public static List<String> selectable() {
    return ALL.stream().filter(m -> !m.alwaysOn()).map(ModelMeasure::name).toList();
  }

  /** The help of {@code --measures}: each selectable name with what it stands for. */
  public static String help() {
    return ALL.stream()
        .filter(m -> !m.alwaysOn())
        .map(m -> m.name() + " (" + m.help() + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * Parses a list such as {@code hessian,worst-case}, {@code all} or {@code none} into the names of
   * the measures beyond the slices, in the registry's order.
   *
   * @throws IllegalArgumentException naming the unknown entry and the known ones
   */
  public static Set<String> parse(List<String> names) {
    List<String> chosen = new ArrayList<>();
    for (String name : names) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.equals("all")) {
        return new LinkedHashSet<>(selectable());
      }
      if (n.equals("none")) {
        continue; // the slices alone
      }
      if (!selectable().contains(n)) {
        throw new IllegalArgumentException(
            "unknown measure '"
                + name
                + "' (use all, none, or some of "
                + String.join(", ", selectable())
                + ")");
      }
      chosen.add(n);
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String s : selectable()) {
      if (chosen.contains(s)) {
        ordered.add(s);
      }
    }
    return ordered;
  }
}
