package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.curvature.DifferentiableLoss;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.measures.MeasureInput;
import org.losslandscape.pipeline.measures.MeasureNeed;
import org.losslandscape.pipeline.measures.MeasureResult;
import org.losslandscape.pipeline.measures.MeasureSetup;
import org.losslandscape.pipeline.measures.Measures;
import org.losslandscape.pipeline.measures.ModelMeasure;

/**
 * Measures every usable model beyond its slices: each measure of {@link Measures#ALL} the settings
 * ask for that does not come from the slices, in the registry's order, on the mean loss over the
 * landscape samples. Models are measured on the run's lanes, each lane with one graph holding the
 * samples.
 */
public final class MeasureStage {

  private static final Logger LOG = LogManager.getLogger(MeasureStage.class);

  private final MeasureSettings settings;
  private final MeasureSetup setup;
  private final ExecutionSettings execution;
  private final OutputSettings output;
  private final Lanes lanes;

  @Inject
  public MeasureStage(
      MeasureSettings settings,
      SliceSettings slice,
      ExecutionSettings execution,
      OutputSettings output,
      Lanes lanes) {
    this.settings = settings;
    this.setup = new MeasureSetup(slice, settings);
    this.execution = execution;
    this.output = output;
    this.lanes = lanes;
  }

  /** True when there is anything beyond the slices to measure. */
  public boolean active() {
    return !computed().isEmpty();
  }

  /** The measures of each model, in the order given; empty when only slices are asked for. */
  public List<RunMeasures> run(List<WeightsToSlice> models, LandscapeSamples samples) {
    List<RunMeasures> out = new ArrayList<>();
    if (!active() || models.isEmpty()) {
      return out;
    }
    // Each lane loads the samples into its own graph once per network and measures its share of
    // the models of that network (a sweep over width or depth has several).
    Map<Network, List<Integer>> byNetwork = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      byNetwork
          .computeIfAbsent(models.get(i).parameters().architecture(), a -> new ArrayList<>())
          .add(i);
    }
    RunMeasures[] measured = new RunMeasures[models.size()];
    byNetwork.forEach(
        (architecture, indices) -> {
          List<RunMeasures> results =
              lanes.map(
                  indices.stream().map(models::get).toList(),
                  () ->
                      LaneLosses.open(
                          architecture,
                          samples,
                          needsBatches() ? settings.mSharpness() : 0,
                          execution),
                  this::measure);
          for (int k = 0; k < indices.size(); k++) {
            measured[indices.get(k)] = results.get(k);
          }
        });
    return List.of(measured);
  }

  /**
   * A lane's losses: over all the samples, and (for m-sharpness) over the same samples in chunks of
   * m, so that each batch is a view of one graph rather than a graph of its own.
   */
  private record LaneLosses(DifferentiableLoss full, DifferentiableLoss batches)
      implements AutoCloseable {

    static LaneLosses open(
        Network architecture, LandscapeSamples samples, int m, ExecutionSettings execution) {
      DifferentiableLoss full = new DifferentiableLoss(architecture, samples.data(), execution);
      try {
        return new LaneLosses(
            full,
            m > 0 ? new DifferentiableLoss(architecture, samples.data(), execution, m) : null);
      } catch (RuntimeException | Error e) {
        full.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        full.close();
      } finally {
        if (batches != null) {
          batches.close();
        }
      }
    }
  }

  private RunMeasures measure(LaneLosses losses, WeightsToSlice model) {
    DifferentiableLoss loss = losses.full();
    long started = System.nanoTime();
    double[] theta = loss.layout().flatten(model.parameters());
    double centre = loss.value(theta);
    MeasureInput input =
        new MeasureInput(
            model.run(), model.parameters(), theta, loss, Optional.ofNullable(losses.batches()));
    List<MeasureResult<?>> results = new ArrayList<>();
    StringBuilder described = new StringBuilder();
    for (ModelMeasure<?, ?> m : computed()) {
      MeasureResult<?> result = MeasureResult.compute(m, input, setup);
      results.add(result);
      result.writeFiles(output.directory().resolve(model.run().folder()));
      described.append(result.describe());
    }
    LOG.info(
        "{}: measured in {}{}",
        model.run().folder(),
        StageTimer.formatSeconds((System.nanoTime() - started) / 1e9),
        described);
    return new RunMeasures(model.run(), centre, results);
  }

  /** The measures this stage computes: those asked for that do not come from the slices. */
  private List<ModelMeasure<?, ?>> computed() {
    return Measures.ALL.stream()
        .filter(setup::includes)
        .filter(m -> !m.needs(setup).contains(MeasureNeed.SLICE))
        .toList();
  }

  /** Whether any measure asked for needs the loss over batches of m samples. */
  private boolean needsBatches() {
    return computed().stream().anyMatch(m -> m.needs(setup).contains(MeasureNeed.BATCH_LOSSES));
  }
}
