package org.losslandscape.pipeline.stages;

import com.google.inject.Inject;
import org.losslandscape.pipeline.config.OutputSettings;
import org.losslandscape.pipeline.report.HtmlReport;

/**
 * Writes the interactive {@code report.html} at the end of a run. It reads the files the run has
 * just written (summary.json, arrays, training curves, figures), exactly as {@code loss-landscape
 * report} does later, so the two cannot disagree.
 */
public final class ReportPageStage {

  private final OutputSettings output;

  @Inject
  public ReportPageStage(OutputSettings output) {
    this.output = output;
  }

  /** Writes the page into the output folder. */
  public void write() {
    HtmlReport.write(output.directory());
  }
}
