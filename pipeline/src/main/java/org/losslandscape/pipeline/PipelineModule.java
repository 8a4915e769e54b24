package org.losslandscape.pipeline;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.device.Device;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.device.DeviceProbe;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.tf.Lanes;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.models.training.TrainingLanes;
import org.losslandscape.pipeline.config.CacheSettings;
import org.losslandscape.pipeline.config.DataSettings;
import org.losslandscape.pipeline.config.DeviceSettings;
import org.losslandscape.pipeline.config.InterpolationSettings;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.config.SliceSettings;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.config.TrajectorySettings;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.progress.Progress;
import org.losslandscape.pipeline.progress.Terminal;
import org.losslandscape.pipeline.results.SliceCache;
import org.losslandscape.pipeline.results.WeightsCache;
import org.losslandscape.pipeline.stages.StageTimer;
import org.losslandscape.pipeline.stages.TrainStage;

/**
 * The whole wiring of a run in one place: each part of the settings bound on its own (a stage asks
 * only for the parts it needs), the device, the TensorFlow execution settings, the trainer, the
 * landscape evaluator, the caches, the data locator and the progress display. The stages themselves
 * are concrete classes with {@code @Inject} constructors.
 */
public final class PipelineModule extends AbstractModule {

  private static final Logger LOG = LogManager.getLogger(PipelineModule.class);

  private final StudySettings settings;
  private final DeviceChoice device;
  private final Invocation invocation;

  /**
   * @param settings the validated settings
   * @param device the device chosen before wiring (see {@link #chooseDevice}), so that a GPU
   *     requirement fails before anything is built
   */
  public PipelineModule(StudySettings settings, DeviceChoice device) {
    this(settings, device, Invocation.defaults());
  }

  /**
   * @param settings the validated settings
   * @param device the device chosen before wiring
   * @param invocation the command line, quoted in the reports
   */
  public PipelineModule(StudySettings settings, DeviceChoice device, Invocation invocation) {
    this.settings = settings;
    this.device = device;
    this.invocation = invocation;
  }

  /** Probes this machine and picks the device asked for; a fallback is logged as a warning. */
  public static DeviceChoice chooseDevice(DeviceSettings settings) {
    DeviceChoice choice =
        DeviceProbe.forThisMachine().choose(settings.request(), settings.requireGpu());
    LOG.log(choice.fellBack() ? Level.WARN : Level.INFO, choice.logLine(settings.request()));
    return choice;
  }

  @Override
  protected void configure() {
    bind(DataSettings.class).toInstance(settings.data());
    bind(DeviceSettings.class).toInstance(settings.device());
    bind(OutputSettings.class).toInstance(settings.output());
    bind(CacheSettings.class).toInstance(settings.cache());
    bind(TrainingSettings.class).toInstance(settings.training());
    bind(SliceSettings.class).toInstance(settings.slice());
    bind(MeasureSettings.class).toInstance(settings.measures());
    bind(TrajectorySettings.class).toInstance(settings.trajectory());
    bind(InterpolationSettings.class).toInstance(settings.interpolation());
    bind(DeviceChoice.class).toInstance(device);
    bind(Invocation.class).toInstance(invocation);
    bind(StageTimer.class).in(Singleton.class);
    // One per study: the runs a multi-protocol command trains ahead are handed to this instance.
    bind(TrainStage.class).in(Singleton.class);
  }

  /**
   * The lanes independent work runs on (training stacks, slices, per-model measures): as asked,
   * else one on a GPU and one per core on the CPU, where the tool's ops are too small to split well
   * across cores (see {@link Lanes}).
   */
  @Provides
  @Singleton
  Lanes lanes(DeviceSettings deviceSettings) {
    if (deviceSettings.lanes() > 0) {
      return new Lanes(deviceSettings.lanes());
    }
    return new Lanes(
        device.device() == Device.CUDA ? 1 : Runtime.getRuntime().availableProcessors());
  }

  /**
   * Every session of the run: on the chosen device, with the intra-op threads asked for, else the
   * cores shared out between the lanes. All sessions ask for the same number, because TensorFlow
   * sizes its one intra-op pool by the first session of the process.
   */
  @Provides
  @Singleton
  ExecutionSettings execution(DeviceSettings deviceSettings, Lanes lanes) {
    int threads =
        deviceSettings.threads() > 0
            ? deviceSettings.threads()
            : Math.max(1, Runtime.getRuntime().availableProcessors() / lanes.count());
    return ExecutionSettings.on(device, threads, 1);
  }

  @Provides
  SgdTrainer trainer(ExecutionSettings execution, DeviceSettings deviceSettings) {
    return new SgdTrainer(execution, deviceSettings.stepsPerRun());
  }

  /** Stacked training on the run's lanes (see {@link TrainingLanes}). */
  @Provides
  TrainingLanes trainingLanes(
      ExecutionSettings execution, Lanes lanes, DeviceSettings deviceSettings) {
    return new TrainingLanes(execution, lanes, deviceSettings.stepsPerRun());
  }

  /**
   * The decomposed evaluator: the first layer's products are taken once per sample chunk, not once
   * per grid point (3-4x faster than the row-batched one on a 31x31 grid here; see the {@code
   * bench} command). It covers every architecture, including nets without hidden layers, so no case
   * needs the row-batched evaluator, which stays as the benchmark baseline.
   */
  @Provides
  LandscapeEvaluator landscapeEvaluator(ExecutionSettings execution) {
    return new DecomposedLandscapeEvaluator(execution);
  }

  @Provides
  WeightsCache weightsCache(CacheSettings cache) {
    return new WeightsCache(cache.directory());
  }

  /** Finished slices live next to the cached weights, in {@code slices/}. */
  @Provides
  SliceCache sliceCache(CacheSettings cache) {
    return new SliceCache(cache.directory().resolve("slices"));
  }

  @Provides
  FashionMnistLocator dataLocator() {
    return FashionMnistLocator.forThisMachine();
  }

  /**
   * The live bar when the settings ask for it or a person watches an interactive terminal, the
   * periodic log lines otherwise (CI, redirected output); one for the whole run.
   */
  @Provides
  @Singleton
  Progress progress(OutputSettings output) {
    return Progress.choose(output.progress(), Terminal.detect(), Terminal::barOutput);
  }
}
