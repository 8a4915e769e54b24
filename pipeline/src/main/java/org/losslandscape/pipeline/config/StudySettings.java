package org.losslandscape.pipeline.config;

import java.util.Objects;

/**
 * Every setting of one run, grouped by concern. The command line builds it; {@code PipelineModule}
 * binds each part separately, so that a stage sees only the settings it needs.
 *
 * @param data where the data comes from
 * @param device where TensorFlow runs
 * @param output what is written where
 * @param cache where weights and slices are kept between runs
 * @param training how models are trained
 * @param slice how they are sliced and measured
 * @param measures which measures beyond the slices are computed
 */
public record StudySettings(
    DataSettings data,
    DeviceSettings device,
    OutputSettings output,
    CacheSettings cache,
    TrainingSettings training,
    SliceSettings slice,
    MeasureSettings measures) {

  public StudySettings {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(measures, "measures");
  }

  /** The defaults of every part: what {@code loss-landscape} with no options runs. */
  public static StudySettings defaults() {
    return new StudySettings(
        DataSettings.defaults(),
        DeviceSettings.defaults(),
        OutputSettings.defaults(),
        CacheSettings.defaults(),
        TrainingSettings.defaults(),
        SliceSettings.defaults(),
        MeasureSettings.defaults());
  }

  /** The settings of one protocol: its budget, and its own sub-folder of the output folder. */
  public StudySettings forProtocol(Protocol protocol) {
    return new StudySettings(
        data,
        device,
        new OutputSettings(
            output.directory().resolve(protocol.name()), output.plots(), output.logScale()),
        cache,
        training.withBudget(protocol.budget()),
        slice,
        measures);
  }
}
