package org.losslandscape.pipeline.config;

import java.util.Objects;

/**
 * The identity of one trained model: which recipe and which of its training seeds. Results are
 * joined by this value, never by folder names or captions.
 *
 * @param recipe the recipe's name
 * @param seed the training seed
 * @param seedIndex 0 for the recipe's first seed (the run the figures show), 1, 2, ... for the
 *     further seeds of {@code --seeds K}
 */
public record RunId(String recipe, long seed, int seedIndex) {

  public RunId {
    Objects.requireNonNull(recipe, "recipe");
    if (seedIndex < 0) {
      throw new IllegalArgumentException("seed index must be >= 0, got " + seedIndex);
    }
  }

  /** True for the recipe's first seed, the run its figures show. */
  public boolean primary() {
    return seedIndex == 0;
  }

  /**
   * The results folder relative to the output folder: the recipe's name for the first seed, {@code
   * <recipe>/seed-<seed>} for the others.
   */
  public String folder() {
    return primary() ? recipe : recipe + "/seed-" + seed;
  }

  /** How logs name the run: the recipe, plus the seed when the recipe has several. */
  public String label(boolean severalSeeds) {
    return severalSeeds ? recipe + " seed " + seed : recipe;
  }
}
