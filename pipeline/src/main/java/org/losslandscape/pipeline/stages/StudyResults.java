package org.losslandscape.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.pipeline.config.RunConfig;

/**
 * Everything one study produced, handed to the report and plot stages.
 *
 * @param data the data used
 * @param configs the configurations, in study order
 * @param models every trained run (all seeds of every config), diverged ones included
 * @param landscapes the slices of the usable runs
 * @param samples the examples the slices were evaluated on
 * @param rawSlice the first model sliced with raw directions (for the raw-vs-filter figure), if
 *     computed
 */
public record StudyResults(
    PreparedData data,
    List<RunConfig> configs,
    List<TrainedModel> models,
    List<ModelLandscape> landscapes,
    LandscapeSamples samples,
    Optional<LandscapeGrid> rawSlice) {

  public StudyResults {
    configs = List.copyOf(configs);
    models = List.copyOf(models);
    landscapes = List.copyOf(landscapes);
  }

  /**
   * The landscape of the first seed of each config that has one, in study order: what the figures
   * show.
   */
  public List<ModelLandscape> primaryLandscapes() {
    return landscapes.stream().filter(l -> l.folder().equals(l.name())).toList();
  }

  /** Seeds and slices of every config with at least one usable run, in study order. */
  public List<ConfigAggregate> aggregates() {
    List<ConfigAggregate> out = new ArrayList<>();
    for (RunConfig config : configs) {
      List<TrainedModel> runs = models.stream().filter(m -> m.config().equals(config)).toList();
      List<ModelLandscape> sliced =
          landscapes.stream().filter(l -> l.name().equals(config.name())).toList();
      if (!sliced.isEmpty()) {
        out.add(new ConfigAggregate(config, runs, sliced));
      }
    }
    return out;
  }

  /** True when some run diverged. */
  public boolean anyDiverged() {
    return models.stream().anyMatch(m -> !m.usable());
  }
}
