package org.losslandscape.pipeline.stages;

import java.util.List;
import java.util.Optional;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.measures.MeasureResult;
import org.losslandscape.pipeline.measures.ModelMeasure;

/**
 * The measures beyond the slices for one run: the result of each measure that was asked for, in the
 * registry's order.
 *
 * @param run the run
 * @param loss the mean training loss on the measure samples at the trained weights
 * @param results each computed measure's result
 */
public record RunMeasures(RunId run, double loss, List<MeasureResult<?>> results) {

  public RunMeasures {
    results = List.copyOf(results);
  }

  /** The result of {@code measure}, if it was computed for this run. */
  public <R> Optional<R> resultOf(ModelMeasure<R, ?> measure) {
    return results.stream().flatMap(r -> r.as(measure).stream()).findFirst();
  }
}
