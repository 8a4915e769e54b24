package org.losslandscape.pipeline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.losslandscape.models.training.TrainingBudget;

/**
 * A training protocol: the budget under which the recipes are compared. Equal epochs give large
 * batches far fewer steps; equal steps give them far more data; an equal training loss compares
 * minima that fit the data equally well. A claim about flatness should hold under all three.
 *
 * @param name {@code epochs}, {@code steps} or {@code target-loss}; the results sub-folder
 * @param budget the budget every recipe trains with
 */
public record Protocol(String name, TrainingBudget budget) {

  /** Steps of the equal-steps protocol when {@code --steps} is not given. */
  public static final long DEFAULT_STEPS = 4000;

  /** Target of the equal-loss protocol when {@code --target-loss} is not given. */
  public static final double DEFAULT_TARGET_LOSS = 0.3;

  public Protocol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(budget, "budget");
  }

  /**
   * The protocols named in {@code names} ({@code epochs}, {@code steps}, {@code target-loss}, or
   * {@code all}), in that order, with the given budgets.
   */
  public static List<Protocol> parse(
      List<String> names,
      TrainingBudget.Epochs epochs,
      TrainingBudget.Steps steps,
      TrainingBudget.TargetLoss targetLoss) {
    List<String> wanted = new ArrayList<>();
    for (String n : names) {
      String name = n.strip().toLowerCase(Locale.ROOT);
      if (name.equals("all")) {
        wanted.addAll(List.of("epochs", "steps", "target-loss"));
      } else if (List.of("epochs", "steps", "target-loss").contains(name)) {
        wanted.add(name);
      } else {
        throw new IllegalArgumentException(
            "unknown protocol '" + n + "' (use epochs, steps, target-loss or all)");
      }
    }
    List<Protocol> out = new ArrayList<>();
    for (String name : List.of("epochs", "steps", "target-loss")) {
      if (wanted.contains(name)) {
        out.add(
            new Protocol(
                name,
                switch (name) {
                  case "epochs" -> epochs;
                  case "steps" -> steps;
                  default -> targetLoss;
                }));
      }
    }
    return out;
  }
}
