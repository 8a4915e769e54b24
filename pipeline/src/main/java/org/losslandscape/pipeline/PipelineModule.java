package org.losslandscape.pipeline;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.device.DeviceProbe;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.landscape.DecomposedLandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.results.WeightsCache;
import org.losslandscape.pipeline.stages.StageTimer;

/**
 * The whole wiring of a study in one place: the validated options, the device, the TensorFlow
 * execution settings, the trainer, the landscape evaluator, the weights cache and the data locator.
 * The stages themselves are concrete classes with {@code @Inject} constructors.
 */
public final class PipelineModule extends AbstractModule {

  private static final Logger LOG = LogManager.getLogger(PipelineModule.class);

  private final StudyOptions options;
  private final DeviceChoice device;

  /**
   * @param options the validated study options
   * @param device the device chosen before wiring (see {@link #chooseDevice}), so that a {@code
   *     --require-gpu} failure surfaces before anything is built
   */
  public PipelineModule(StudyOptions options, DeviceChoice device) {
    this.options = options;
    this.device = device;
  }

  /**
   * Probes this machine and picks the device the options ask for; a fallback is logged as a
   * warning.
   */
  public static DeviceChoice chooseDevice(StudyOptions options) {
    DeviceRequest request = DeviceRequest.parse(options.device());
    DeviceChoice choice = DeviceProbe.forThisMachine().choose(request, options.requireGpu());
    LOG.log(choice.fellBack() ? Level.WARN : Level.INFO, choice.logLine(request));
    return choice;
  }

  @Override
  protected void configure() {
    bind(StudyOptions.class).toInstance(options);
    bind(DeviceChoice.class).toInstance(device);
    bind(StageTimer.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  ExecutionSettings execution(DeviceChoice device) {
    int threads =
        options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    return ExecutionSettings.on(device, threads, 1);
  }

  @Provides
  SgdTrainer trainer(ExecutionSettings execution) {
    return new SgdTrainer(execution);
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
  WeightsCache weightsCache() {
    return new WeightsCache(options.cacheDir());
  }

  @Provides
  FashionMnistLocator dataLocator() {
    return FashionMnistLocator.forThisMachine();
  }
}
