package org.losslandscape.pipeline.stages;

import java.util.List;
import java.util.Optional;
import org.losslandscape.models.landscape.LandscapeGrid;

/**
 * Everything one study produced, handed to the report and plot stages.
 *
 * @param data       the data used
 * @param models     every trained configuration, diverged ones included
 * @param landscapes the slices of the usable models, in the same order
 * @param samples    the examples the slices were evaluated on
 * @param rawSlice   the first model sliced with raw directions (for the raw-vs-filter figure), if computed
 */
public record StudyResults(PreparedData data, List<TrainedModel> models, List<ModelLandscape> landscapes,
                           LandscapeSamples samples, Optional<LandscapeGrid> rawSlice) {

    public StudyResults {
        models = List.copyOf(models);
        landscapes = List.copyOf(landscapes);
    }

    /** The trained model a landscape belongs to. */
    public TrainedModel model(ModelLandscape landscape) {
        return models.stream().filter(m -> m.config().name().equals(landscape.name())).findFirst().orElseThrow();
    }

    /** True when some configuration diverged. */
    public boolean anyDiverged() {
        return models.stream().anyMatch(m -> !m.usable());
    }
}
