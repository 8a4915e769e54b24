package org.losslandscape.pipeline.sweep;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.pipeline.PipelineModule;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.stages.LandscapeSamples;
import org.losslandscape.pipeline.stages.LandscapeStage;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.MeasureStage;
import org.losslandscape.pipeline.stages.ModelLandscape;
import org.losslandscape.pipeline.stages.PlotStage;
import org.losslandscape.pipeline.stages.PreparedData;
import org.losslandscape.pipeline.stages.RunMeasures;
import org.losslandscape.pipeline.stages.TrainStage;
import org.losslandscape.pipeline.stages.TrainedModel;

/**
 * Runs one stack of sweep tasks wherever it was sent (a thread of this process or a Spark
 * executor): wires the study's own stages for the job's settings, loads the data, trains the
 * stack's unfinished runs together (or reuses their cached weights), then slices each, takes the
 * measures the settings ask for beyond the slices, draws its figures and stores its result. Every
 * TensorFlow object is created and closed inside the call. A task finished by an earlier run is
 * skipped.
 */
public final class SweepTaskRunner {

  private static final Logger LOG = LogManager.getLogger(SweepTaskRunner.class);

  private final SweepJob job;

  public SweepTaskRunner(SweepJob job) {
    this.job = job;
  }

  /**
   * Runs the unfinished tasks of {@code stack} and returns every task's result, in the stack's
   * order (a finished task's stored result).
   *
   * @param ranOn where this is, for the sweep's report
   */
  public List<SweepTaskResult> run(SweepStack stack, String ranOn) {
    long started = System.nanoTime();
    StudySettings settings = job.settings();
    TaskStore store = new TaskStore(settings.output().directory());
    SweepTaskResult[] results = new SweepTaskResult[stack.tasks().size()];
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < results.length; i++) {
      SweepTask task = stack.tasks().get(i);
      Optional<SweepTaskResult> done =
          settings.cache().retrain()
              ? Optional.empty()
              : store.finished(task, SweepJob.fingerprint(settings, task));
      if (done.isPresent()) {
        LOG.info("{}: finished by an earlier run, skipped", task.id());
        results[i] = done.get().asResumed();
      } else {
        open.add(i);
      }
    }
    if (open.isEmpty()) {
      return List.of(results);
    }
    LOG.info("{}: {} task(s) started on {}", stack.id(), open.size(), ranOn);
    DeviceChoice device = PipelineModule.chooseDevice(settings.device());
    Injector injector =
        Guice.createInjector(
            new PipelineModule(settings, device, new Invocation(job.commandLine())));
    PreparedData data = injector.getInstance(LoadDataStage.class).run();
    List<TrainedModel> models =
        injector
            .getInstance(TrainStage.class)
            .run(open.stream().map(i -> stack.tasks().get(i).run()).toList(), data);
    double trainingSeconds = (System.nanoTime() - started) / 1e9;
    for (int k = 0; k < open.size(); k++) {
      long taskStarted = System.nanoTime();
      SweepTask task = stack.tasks().get(open.get(k));
      TrainedModel model = models.get(k);
      ModelLandscape landscape = null;
      RunMeasures measured = null;
      if (model.usable()) {
        LandscapeSamples samples =
            LandscapeSamples.forStudy(
                settings.slice(), data, settings.training().smallestTrainExamples());
        if (settings.slice().slices(task.run())) {
          landscape =
              injector
                  .getInstance(LandscapeStage.class)
                  .run(List.of(model.weights()), samples)
                  .get(0);
          if (settings.output().plots()) {
            injector.getInstance(PlotStage.class).perModel(landscape);
          }
        }
        MeasureStage measures = injector.getInstance(MeasureStage.class);
        if (measures.active()) {
          measured = measures.run(List.of(model.weights()), samples).get(0);
        }
      }
      // A task's time: its share of the stack's training, plus its own slicing and measures.
      double seconds = trainingSeconds / open.size() + (System.nanoTime() - taskStarted) / 1e9;
      SweepTaskResult result =
          SweepTaskResult.of(
              task,
              SweepJob.fingerprint(settings, task),
              data.fingerprint(),
              device.device().label(),
              ranOn,
              seconds,
              model,
              landscape,
              measured);
      store.write(result);
      results[open.get(k)] = result;
      LOG.info(
          "{}: done in {} on {}", task.id(), String.format(Locale.ROOT, "%.1f s", seconds), ranOn);
    }
    return List.of(results);
  }

  /** This process, for reports: {@code host (pid N)}. */
  public static String thisProcess() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "unknown host";
      }
    }
    return host + " (pid " + ProcessHandle.current().pid() + ")";
  }
}
