package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.training.Checkpoint;
import org.losslandscape.models.trajectory.TrajectoryPca;
import org.losslandscape.models.trajectory.TrajectoryPlane;
import org.losslandscape.models.trajectory.TrajectorySurface;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.TrajectorySettings;
import org.losslandscape.pipeline.io.Npy;
import org.losslandscape.pipeline.results.ModelFiles;

/**
 * Li et al.'s trajectory plot, computed: for the first seed of every usable recipe, the principal
 * components of its checkpoints' offsets from the final weights, the path projected onto the top
 * two, and the loss on their plane around the final weights (same grid size and samples as the
 * slices). Writes the arrays to {@code <recipe>/trajectory/}.
 */
public final class TrajectoryStage {

  private static final Logger LOG = LogManager.getLogger(TrajectoryStage.class);

  private final TrajectorySettings settings;
  private final SliceSettings slice;
  private final OutputSettings output;
  private final LandscapeEvaluator evaluator;

  @Inject
  public TrajectoryStage(
      TrajectorySettings settings,
      SliceSettings slice,
      OutputSettings output,
      LandscapeEvaluator evaluator) {
    this.settings = settings;
    this.slice = slice;
    this.output = output;
    this.evaluator = evaluator;
  }

  /** True when the study keeps and draws trajectories. */
  public boolean enabled() {
    return settings.enabled();
  }

  /** The trajectory of each usable first-seed run that kept checkpoints, in study order. */
  public List<ModelTrajectory> run(List<TrainedModel> models, LandscapeSamples samples) {
    List<ModelTrajectory> out = new ArrayList<>();
    for (TrainedModel model : models) {
      if (!model.usable() || !model.run().primary()) {
        continue;
      }
      List<Checkpoint> checkpoints = model.training().checkpoints();
      if (checkpoints.size() < 3) {
        LOG.warn(
            "{}: {} checkpoints kept (the run had {} steps); a trajectory plane needs 3, skipped",
            model.run().folder(),
            checkpoints.size(),
            model.training().steps());
        continue;
      }
      TrajectoryPlane plane;
      try {
        plane =
            TrajectoryPca.fit(
                checkpoints.stream().map(Checkpoint::parameters).toList(),
                model.training().parameters());
      } catch (IllegalArgumentException e) {
        LOG.warn("{}: no trajectory plane: {}", model.run().folder(), e.getMessage());
        continue;
      }
      long started = System.nanoTime();
      TrajectorySurface surface =
          TrajectorySurface.evaluate(
              plane,
              settings.margin(),
              slice.grid().size(),
              evaluator,
              samples.data(),
              LandscapeEvaluator.RowProgress.NONE);
      double[] ratio = plane.explainedVarianceRatios();
      LOG.info(
          "{}: trajectory of {} checkpoints, explained variance {} + {}; {}x{} plane on {} {}"
              + " samples in {}, centre loss {}",
          model.run().folder(),
          checkpoints.size(),
          percent(ratio[0]),
          percent(ratio[1]),
          slice.grid().size(),
          slice.grid().size(),
          samples.data().count(),
          samples.split().label(),
          StageTimer.formatSeconds((System.nanoTime() - started) / 1e9),
          String.format(Locale.ROOT, "%.4f", surface.centreLoss()));
      ModelTrajectory trajectory =
          new ModelTrajectory(
              model.run(), checkpoints.stream().map(Checkpoint::step).toList(), surface, samples);
      write(trajectory);
      out.add(trajectory);
    }
    return out;
  }

  private void write(ModelTrajectory t) {
    Path dir = output.directory().resolve(t.run().folder()).resolve("trajectory");
    TrajectorySurface s = t.surface();
    TrajectoryPlane plane = s.plane();
    LandscapeGrid grid = s.grid();
    Npy.writeFloat32(dir.resolve("loss.npy"), grid.loss());
    Npy.writeFloat32(dir.resolve("accuracy.npy"), grid.accuracy());
    Npy.writeFloat32(dir.resolve("xcoordinates.npy"), s.xAxis());
    Npy.writeFloat32(dir.resolve("ycoordinates.npy"), s.yAxis());
    Npy.writeFloat32(dir.resolve("proj_xcoord.npy"), plane.xCoordinates());
    Npy.writeFloat32(dir.resolve("proj_ycoord.npy"), plane.yCoordinates());
    Npy.writeFloat32(dir.resolve("explained_variance_ratio.npy"), plane.explainedVarianceRatios());
    int[] steps = t.steps().stream().mapToInt(Math::toIntExact).toArray();
    Npy.writeInt32(dir.resolve("steps.npy"), new int[] {steps.length}, steps);
    ModelFiles.writeTensors(
        dir.resolve("directions").resolve("pc1"), plane.componentAsParameters(0));
    ModelFiles.writeTensors(
        dir.resolve("directions").resolve("pc2"), plane.componentAsParameters(1));
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
  }
}
