package org.losslandscape.pipeline.stages;

import java.util.List;
import org.losslandscape.models.sharpness.MeanInterval;
import org.losslandscape.pipeline.config.RunConfig;

/**
 * One configuration over its training seeds: the numbers a claim about the recipe rests on.
 *
 * <p>With several seeds, every interval is over seeds (each seed's sharpness first averaged over
 * its direction pairs), because training randomness is what a different recipe has to beat. With
 * one seed, sharpness intervals are over the direction pairs of that seed, and metric intervals
 * are single points.
 *
 * @param config     the recipe
 * @param runs       its trained runs, first seed first (diverged ones included)
 * @param landscapes the slices of its usable runs, first seed first
 */
public record ConfigAggregate(RunConfig config, List<TrainedModel> runs, List<ModelLandscape> landscapes) {

    public ConfigAggregate {
        runs = List.copyOf(runs);
        landscapes = List.copyOf(landscapes);
    }

    /** True when intervals are over training seeds, false when over direction pairs of one seed. */
    public boolean overSeeds() {
        return landscapes.size() > 1;
    }

    /** What the intervals are over, for captions. */
    public String intervalSource() {
        return overSeeds() ? landscapes.size() + " training seeds" : "direction pairs of one seed";
    }

    public MeanInterval testAccuracy() {
        return MeanInterval.of(usable().stream().mapToDouble(m -> m.test().accuracy()).toArray());
    }

    public MeanInterval testLoss() {
        return MeanInterval.of(usable().stream().mapToDouble(m -> m.test().loss()).toArray());
    }

    public MeanInterval trainLoss() {
        return MeanInterval.of(usable().stream().mapToDouble(m -> m.train().loss()).toArray());
    }

    public MeanInterval generalizationGap() {
        return MeanInterval.of(usable().stream().mapToDouble(TrainedModel::generalizationGap).toArray());
    }

    /** Slice sharpness at {@code epsilon}: over seeds of pair-means, or over the pairs of the one seed. */
    public MeanInterval sharpness(double epsilon) {
        if (!overSeeds()) {
            return landscapes.get(0).report().at(epsilon).interval();
        }
        return MeanInterval.of(landscapes.stream().mapToDouble(l -> l.report().at(epsilon).interval().mean()).toArray());
    }

    /** Sharpness per seed (mean over that seed's direction pairs), first seed first. */
    public double[] sharpnessPerSeed(double epsilon) {
        return landscapes.stream().mapToDouble(l -> l.report().at(epsilon).interval().mean()).toArray();
    }

    private List<TrainedModel> usable() {
        return runs.stream().filter(TrainedModel::usable).toList();
    }

    /** The first seed's landscape, the one the figures show. */
    public ModelLandscape primary() {
        return landscapes.get(0);
    }
}
