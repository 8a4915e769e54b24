package org.losslandscape.pipeline;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.device.DeviceProbe;
import org.losslandscape.models.device.DeviceRequest;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.RowBatchedLandscapeEvaluator;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.models.training.SgdTrainer;
import org.losslandscape.pipeline.config.StudyOptions;
import org.losslandscape.pipeline.data.FashionMnistLocator;
import org.losslandscape.pipeline.results.WeightsCache;
import org.losslandscape.pipeline.stages.StageTimer;

/**
 * The whole wiring of a study in one place: the validated options, the device, the TensorFlow
 * execution settings, the trainer, the landscape evaluator, the weights cache and the data
 * locator. The stages themselves are concrete classes with {@code @Inject} constructors.
 */
public final class PipelineModule extends AbstractModule {

    private final StudyOptions options;
    private final DeviceProbe deviceProbe;

    public PipelineModule(StudyOptions options) {
        this(options, DeviceProbe.forThisMachine());
    }

    /** With an explicit device probe (tests pass one that simulates other machines). */
    public PipelineModule(StudyOptions options, DeviceProbe deviceProbe) {
        this.options = options;
        this.deviceProbe = deviceProbe;
    }

    @Override
    protected void configure() {
        bind(StudyOptions.class).toInstance(options);
        bind(StageTimer.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    DeviceChoice device() {
        return deviceProbe.choose(DeviceRequest.parse(options.device()), options.requireGpu());
    }

    @Provides
    @Singleton
    ExecutionSettings execution(DeviceChoice device) {
        int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        return new ExecutionSettings(device.usesGpu(), threads, 1);
    }

    @Provides
    SgdTrainer trainer(ExecutionSettings execution) {
        return new SgdTrainer(execution);
    }

    @Provides
    LandscapeEvaluator landscapeEvaluator(ExecutionSettings execution) {
        return new RowBatchedLandscapeEvaluator(execution);
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
