package org.losslandscape.pipeline.sweep;

import com.google.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.StackPlan;
import org.losslandscape.pipeline.StudyPipeline;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.SweepSettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.ResultsException;
import org.losslandscape.pipeline.plot.PngEncoding;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.results.ModelFiles;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.ModelLandscape;
import org.losslandscape.pipeline.stages.PreparedData;
import org.losslandscape.pipeline.stages.RunMeasures;
import org.losslandscape.pipeline.stages.StageTimer;
import org.losslandscape.pipeline.stages.StudyResults;
import org.losslandscape.pipeline.stages.TrainedModel;

/**
 * A sweep, top to bottom: one task per (recipe, seed) of the grid, run by an executor (this
 * machine's threads or Spark); then, on this machine, the study's own second half on the tasks'
 * models ({@link StudyPipeline#conclude}: verdict, figures, {@code summary.json}), plus the sweep's
 * heat maps, {@code sweep.json} and {@code sweep_results.csv}.
 */
public final class SweepPipeline {

  private static final Logger LOG = LogManager.getLogger(SweepPipeline.class);

  private final SweepSettings sweep;
  private final TrainingSettings training;
  private final SliceSettings slice;
  private final DeviceSettings device;
  private final ExecutionSettings execution;
  private final OutputSettings output;
  private final StageTimer timer;
  private final LoadDataStage loadData;
  private final StudyPipeline study;

  @Inject
  public SweepPipeline(
      SweepSettings sweep,
      TrainingSettings training,
      SliceSettings slice,
      DeviceSettings device,
      ExecutionSettings execution,
      OutputSettings output,
      StageTimer timer,
      LoadDataStage loadData,
      StudyPipeline study) {
    this.sweep = sweep;
    this.training = training;
    this.slice = slice;
    this.device = device;
    this.execution = execution;
    this.output = output;
    this.timer = timer;
    this.loadData = loadData;
    this.study = study;
  }

  /** Runs every task of {@code job} on {@code executor}, then merges them into one study. */
  public StudyResults run(SweepExecutor executor, SweepJob job) {
    PreparedData data = timer.time("load-data", loadData::run);
    List<SweepTask> tasks = SweepTask.all(training);
    int maxStack = device.maxStack() > 0 ? device.maxStack() : StackPlan.DEFAULT_MAX_STACK;
    List<SweepStack> stacks =
        SweepStack.plan(
            tasks,
            training,
            maxStack,
            // The device this process chose; the executors' tasks run with the same flags.
            StackPlan.examplesPerStepOn(execution.device()),
            executor.slots(),
            data.inputShape(),
            data.classes(),
            data.train().count());
    int threadsPerTask = job.settings().device().threads();
    LOG.info(
        "sweep: {} tasks ({} recipes x {} seeds) in {} stacks, {} executor{}, {} TensorFlow"
            + " thread(s) per stack",
        tasks.size(),
        training.recipes().size(),
        training.seeds(),
        stacks.size(),
        executor.kind(),
        executor.parallel() > 0 ? " with " + executor.parallel() + " concurrent stacks" : "",
        threadsPerTask);
    long started = System.nanoTime();
    List<SweepTaskResult> byStack = timer.time("sweep-tasks", () -> executor.run(job, stacks));
    double tasksSeconds = (System.nanoTime() - started) / 1e9;
    // Back into study order (recipe by recipe, seed by seed), whatever the stacks were.
    List<String> order = tasks.stream().map(SweepTask::id).toList();
    List<SweepTaskResult> results =
        byStack.stream()
            .sorted(java.util.Comparator.comparingInt(r -> order.indexOf(r.task().id())))
            .toList();

    List<TrainedModel> models = new ArrayList<>();
    List<ModelLandscape> landscapes = new ArrayList<>();
    List<RunMeasures> measured = new ArrayList<>();
    for (SweepTaskResult r : results) {
      if (!r.dataFingerprint().equals(data.fingerprint())) {
        throw new ResultsException(
            "sweep task "
                + r.task().id()
                + " was computed on other data than this machine loads; point every machine at"
                + " the same Fashion-MNIST files (--data-dir), or rerun with --retrain");
      }
      Parameters weights = ModelFiles.read(output.directory().resolve(r.task().run().folder()));
      models.add(r.toTrainedModel(training, weights));
      if (r.usable()) {
        if (!r.slices().isEmpty()) {
          landscapes.add(r.toModelLandscape(slice, weights));
        }
        r.toRunMeasures().ifPresent(measured::add);
      }
    }
    StudyResults merged = study.conclude(data, models, landscapes, measured).results();
    if (output.plots() && !merged.aggregates().isEmpty()) {
      timer.run(
          "sweep-figures",
          () ->
              AtomicFiles.write(
                  output.directory().resolve("sweep_heatmap.png"),
                  PngEncoding.toBytes(
                      SweepFigures.heatMaps(
                          sweep.grid(), slice.radii(), merged, settingLine(merged)))));
    }
    writeReport(executor, threadsPerTask, results, tasksSeconds);
    AtomicFiles.write(
        output.directory().resolve("sweep_results.csv"),
        resultsCsv(results).getBytes(StandardCharsets.UTF_8));
    return merged;
  }

  private String settingLine(StudyResults merged) {
    return String.format(
        Locale.ROOT,
        "%s, %d seed(s), %s directions on %d %s samples",
        training.budget().describe(),
        training.seeds(),
        slice.normalization().label(),
        merged.samples().indices().length,
        merged.samples().split().label());
  }

  private void writeReport(
      SweepExecutor executor,
      int threadsPerTask,
      List<SweepTaskResult> results,
      double tasksSeconds) {
    int resumed = (int) results.stream().filter(SweepTaskResult::resumed).count();
    Path file = output.directory().resolve("sweep.json");
    Json.write(
        file,
        new SweepReport(
            SweepReport.FORMAT,
            SweepReport.FORMAT_VERSION,
            executor.kind(),
            executor.master().isEmpty() ? null : executor.master(),
            executor.parallel() > 0 ? executor.parallel() : null,
            threadsPerTask,
            sweep.grid().learningRates(),
            sweep.grid().batchSizes(),
            training.seeds(),
            results.size(),
            results.size() - resumed,
            resumed,
            tasksSeconds,
            results.stream().map(SweepReport.TaskLine::of).toList()));
    LOG.info(
        "sweep: {} tasks ({} run now, {} finished earlier) in {}; see {}",
        results.size(),
        results.size() - resumed,
        resumed,
        String.format(Locale.ROOT, "%.1f s", tasksSeconds),
        file);
  }

  /**
   * One line per task with every number its seed decides, written exactly ({@link
   * Double#toString}), so that two sweeps can be compared with {@code diff}.
   */
  String resultsCsv(List<SweepTaskResult> results) {
    StringBuilder csv =
        new StringBuilder(
            "task,recipe,learning_rate,batch_size,seed,status,steps,train_loss,train_accuracy,"
                + "test_loss,test_accuracy,generalization_gap");
    for (double eps : slice.radii()) {
      csv.append(",slice_sharpness@").append(eps);
    }
    csv.append('\n');
    for (SweepTaskResult r : results) {
      SweepTask t = r.task();
      csv.append(
          String.join(
              ",",
              t.id(),
              t.recipe(),
              Double.toString(t.learningRate()),
              Integer.toString(t.batchSize()),
              Long.toString(t.seed()),
              r.training().status().label(),
              Long.toString(r.training().steps())));
      if (r.usable()) {
        csv.append(',').append(r.train().loss());
        csv.append(',').append(r.train().accuracy());
        csv.append(',').append(r.test().loss());
        csv.append(',').append(r.test().accuracy());
        csv.append(',').append(r.test().loss() - r.train().loss());
        for (SweepTaskResult.SharpnessValue s : r.sharpness()) {
          csv.append(',').append(s.mean());
        }
      } else {
        csv.append(",".repeat(5 + slice.radii().size()));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
