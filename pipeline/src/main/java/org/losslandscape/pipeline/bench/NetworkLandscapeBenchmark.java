package org.losslandscape.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.directions.DirectionSpec;
import org.losslandscape.models.directions.Normalization;
import org.losslandscape.models.directions.RandomDirections;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.NetworkLandscapeEvaluator;
import org.losslandscape.models.mlp.Initialization;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.network.Activation;
import org.losslandscape.models.network.BuiltInNetworks;
import org.losslandscape.models.network.InputShape;
import org.losslandscape.models.network.LayerSpec;
import org.losslandscape.models.network.LayeredNetwork;
import org.losslandscape.models.network.LinearFirstLayer;
import org.losslandscape.models.network.Network;
import org.losslandscape.models.network.NetworkSpec;
import org.losslandscape.models.tf.ExecutionSettings;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Candidate;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Difference;
import org.losslandscape.pipeline.bench.LandscapeBenchmark.Measured;

/**
 * The slice of a convolutional network with its first layer shared between the points of a run (the
 * default) against the same slice with the first layer run at every point (the fallback), on the
 * same He-initialized weights, directions and samples, repeats interleaved. Sharing saves at most
 * the first layer's share of the forward pass, so each row states that share and the speed-up it
 * allows.
 */
public final class NetworkLandscapeBenchmark {

  private static final long WEIGHT_SEED = 42;
  private static final long DIRECTION_SEED = 7;

  private NetworkLandscapeBenchmark() {}

  /**
   * One network to time.
   *
   * @param network the network (its weights are He-initialized: the time does not depend on them)
   * @param grid its grid
   * @param samples examples per point
   */
  public record Case(Network network, GridSpec grid, int samples) {}

  /**
   * What one case measured.
   *
   * @param benchCase the case
   * @param firstLayerShare the first layer's multiply-adds over the whole forward pass
   * @param shared the default evaluator
   * @param perPoint the fallback
   * @param difference the shared slice against the per-point one
   */
  public record Row(
      Case benchCase,
      double firstLayerShare,
      Measured shared,
      Measured perPoint,
      Difference difference) {

    /**
     * True when the default evaluator ({@link NetworkLandscapeEvaluator.FirstLayer#AUTO}) shares.
     */
    public boolean sharedByDefault() {
      return NetworkLandscapeEvaluator.sharesFirstLayer(
          benchCase.network(), NetworkLandscapeEvaluator.FirstLayer.AUTO);
    }

    /** Per-point median time over shared median time. */
    public double speedUp() {
      return perPoint.medianPerSlice() / shared.medianPerSlice();
    }

    /**
     * The speed-up if time were proportional to multiply-adds: a run of one grid row computes the
     * first layer 3 times instead of once per point.
     */
    public double ceiling() {
      int points = benchCase.grid().size();
      return 1 / (1 - firstLayerShare * (1 - 3.0 / points));
    }
  }

  /**
   * The built-in LeNet (no batch norm; a 5x5 first convolution, 28% of the forward pass on 28x28
   * images) on 11x11 x 1,000 samples, a ResNet-8 of width 8 (batch norm, frozen; a 3x3 first
   * convolution) on 7x7 x 200 samples, and the default MLP's layers as a layered network (a dense
   * first layer on the whole image) on 11x11 x 1,000 samples, for images of {@code shape} and
   * {@code classes} classes.
   */
  public static List<Case> defaultCases(InputShape shape, int classes) {
    return List.of(
        new Case(
            new LayeredNetwork("lenet", BuiltInNetworks.lenet(classes), shape, classes),
            new GridSpec(11, -1, 1),
            1_000),
        new Case(
            new LayeredNetwork(
                "resnet-8x8", BuiltInNetworks.resnet(8, 8, true, classes), shape, classes),
            new GridSpec(7, -1, 1),
            200),
        new Case(
            new LayeredNetwork(
                "mlp-as-layers",
                new NetworkSpec(
                    List.of(
                        new LayerSpec.Flatten(null),
                        new LayerSpec.Dense(128),
                        new LayerSpec.Act(Activation.RELU),
                        new LayerSpec.Dense(64),
                        new LayerSpec.Act(Activation.RELU),
                        new LayerSpec.Dense(classes))),
                shape,
                classes),
            new GridSpec(11, -1, 1),
            1_000));
  }

  /** Times each case's two evaluators {@code repeats} times, interleaved. */
  public static List<Row> time(
      ExecutionSettings execution, List<Case> cases, LabeledData samples, int repeats) {
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      Parameters theta = Initialization.HE.initialize(c.network(), WEIGHT_SEED);
      DirectionPair directions =
          RandomDirections.draw(
              theta, new DirectionSpec(Normalization.FILTER, false, DIRECTION_SEED));
      LabeledData points = samples.range(0, Math.min(c.samples(), samples.count()));
      List<Measured> measured =
          LandscapeBenchmark.time(
              List.of(
                  candidate(c, execution, NetworkLandscapeEvaluator.FirstLayer.SHARED),
                  candidate(c, execution, NetworkLandscapeEvaluator.FirstLayer.PER_POINT)),
              theta,
              directions,
              points,
              repeats);
      LinearFirstLayer first =
          c.network()
              .linearFirstLayer()
              .orElseThrow(
                  () -> new IllegalArgumentException(c.network() + " has no linear first layer"));
      double share = first.multiplyAddsPerExample() / (double) c.network().multiplyAddsPerExample();
      rows.add(
          new Row(
              c,
              share,
              measured.get(0),
              measured.get(1),
              Difference.of(measured.get(0).grid(), measured.get(1).grid())));
    }
    return rows;
  }

  private static Candidate candidate(
      Case c, ExecutionSettings execution, NetworkLandscapeEvaluator.FirstLayer firstLayer) {
    String label =
        c.network()
            + (firstLayer == NetworkLandscapeEvaluator.FirstLayer.SHARED
                ? ", first layer shared"
                : ", first layer per point");
    double flops =
        2.0
            * c.network().multiplyAddsPerExample()
            * c.grid().size()
            * c.grid().size()
            * c.samples();
    return new Candidate(
        label, new NetworkLandscapeEvaluator(execution, firstLayer), c.grid(), flops);
  }
}
