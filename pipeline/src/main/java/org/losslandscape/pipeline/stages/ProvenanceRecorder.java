package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.models.training.TrainingResult;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.TrainingSettings;
import org.losslandscape.pipeline.results.BuildInfo;
import org.losslandscape.pipeline.results.Provenance;
import org.tensorflow.TensorFlow;

/** Writes down what produced each trained model, for its {@code model.json}. */
public final class ProvenanceRecorder {

  private final TrainingSettings settings;
  private final DeviceChoice device;
  private final BuildInfo build = BuildInfo.current();

  @Inject
  public ProvenanceRecorder(TrainingSettings settings, DeviceChoice device) {
    this.settings = settings;
    this.device = device;
  }

  /** The optimizer as written in result files: e.g. {@code sgd}, {@code sam(rho=0.05)+momentum}. */
  public static String optimizerLabel(
      org.losslandscape.models.training.Optimizer optimizer, double momentum) {
    return optimizer.label() + (momentum > 0 ? "+momentum" : "");
  }

  /** The provenance of {@code run}'s weights. */
  public Provenance of(
      RunId run, Recipe recipe, int effectiveBatchSize, TrainingResult result, PreparedData data) {
    return new Provenance(
        "loss-landscape",
        build.version(),
        TensorFlow.version(),
        build.tensorflowJavaVersion(),
        device.device().label(),
        new Provenance.RecipeProvenance(
            recipe.name(),
            recipe.learningRate(),
            recipe.batchSize(),
            effectiveBatchSize,
            optimizerLabel(settings.optimizerOf(recipe), settings.momentum()),
            settings.momentum(),
            settings.scheduleOf(recipe).label(),
            settings.budget().describe()),
        run.seed(),
        settings.initialization().name().toLowerCase(java.util.Locale.ROOT),
        data.summary(),
        data.preprocessing(),
        result.status().label(),
        result.steps(),
        result.epochs());
  }
}
