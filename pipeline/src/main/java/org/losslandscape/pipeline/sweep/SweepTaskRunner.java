package org.losslandscape.pipeline.sweep;

import com.google.inject.Guice;
import com.google.inject.Injector;
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
 * Runs one sweep task wherever it was sent (a thread of this process or a Spark executor): wires
 * the study's own stages for the job's settings, loads the data, trains the task's run (or reuses
 * its cached weights), slices it, takes the measures the settings ask for beyond the slices, draws
 * its figures and stores the result. Every TensorFlow object is created and closed inside the task.
 * A task finished by an earlier run is skipped.
 */
public final class SweepTaskRunner {

  private static final Logger LOG = LogManager.getLogger(SweepTaskRunner.class);

  private final SweepJob job;

  public SweepTaskRunner(SweepJob job) {
    this.job = job;
  }

  /**
   * Runs {@code task}, or returns its stored result if it is finished.
   *
   * @param ranOn where this is, for the sweep's report
   */
  public SweepTaskResult run(SweepTask task, String ranOn) {
    long started = System.nanoTime();
    StudySettings settings = job.settings();
    TaskStore store = new TaskStore(settings.output().directory());
    String fingerprint = SweepJob.fingerprint(settings, task);
    if (!settings.cache().retrain()) {
      Optional<SweepTaskResult> done = store.finished(task, fingerprint);
      if (done.isPresent()) {
        LOG.info("{}: finished by an earlier run, skipped", task.id());
        return done.get().asResumed();
      }
    }
    LOG.info("{}: started on {}", task.id(), ranOn);
    DeviceChoice device = PipelineModule.chooseDevice(settings.device());
    Injector injector =
        Guice.createInjector(
            new PipelineModule(settings, device, new Invocation(job.commandLine())));
    PreparedData data = injector.getInstance(LoadDataStage.class).run();
    TrainedModel model = injector.getInstance(TrainStage.class).run(task.run(), data);
    ModelLandscape landscape = null;
    RunMeasures measured = null;
    if (model.usable()) {
      LandscapeSamples samples = LandscapeSamples.forStudy(settings.slice(), data);
      landscape =
          injector.getInstance(LandscapeStage.class).run(List.of(model.weights()), samples).get(0);
      MeasureStage measures = injector.getInstance(MeasureStage.class);
      if (measures.active()) {
        measured = measures.run(List.of(model.weights()), samples).get(0);
      }
      if (settings.output().plots()) {
        injector.getInstance(PlotStage.class).perModel(landscape);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    SweepTaskResult result =
        SweepTaskResult.of(
            task,
            fingerprint,
            data.fingerprint(),
            device.device().label(),
            ranOn,
            seconds,
            model,
            landscape,
            measured);
    store.write(result);
    LOG.info(
        "{}: done in {} on {}", task.id(), String.format(Locale.ROOT, "%.1f s", seconds), ranOn);
    return result;
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
