package org.losslandscape.pipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.losslandscape.pipeline.report.HtmlReport;
import org.losslandscape.pipeline.report.LandscapeFigures;
import org.losslandscape.pipeline.report.ReportContent;
import org.losslandscape.pipeline.report.ResultsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loss-landscape report --results DIR}: writes {@code DIR/report.html} again from the files
 * of an earlier run, and redraws its landscape figures from the saved arrays, without training or
 * slicing anything.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    description = {
      "Writes the interactive report.html of an existing results folder from its files"
          + " (summary.json, the slices' .npy arrays, training.csv, VERDICT.md and the PNG"
          + " figures) and redraws the landscape figures from the arrays, without training or"
          + " slicing anything. The page is one self-contained file that opens offline in any"
          + " current browser.",
      "",
      "Example: loss-landscape report --results results",
      ""
    })
public final class ReportCommand implements Callable<Integer> {

  @Option(
      names = "--results",
      paramLabel = "DIR",
      required = true,
      description = "A results folder written by a study or by the landscape command.")
  Path results;

  @Option(
      names = "--no-plots",
      description =
          "Only write report.html; leave the PNG figures as they are (by default the landscape"
              + " figures are drawn again from the arrays).")
  boolean noPlots;

  @Option(
      names = "--log-scale",
      description = "Logarithmic colour scale in the redrawn figures, as the study's --log-scale.")
  boolean logScale;

  @Option(names = "--verbose", description = "Debug logging, and stack traces with errors.")
  boolean verbose;

  @Override
  public Integer call() {
    Main.configureLogging(verbose);
    System.setProperty("java.awt.headless", "true");
    ResultsFolder folder = ResultsFolder.open(results);
    if (!noPlots) {
      LandscapeFigures.redraw(ReportContent.read(folder), logScale);
    }
    // Read again after the redraw, so the page embeds the figures as they now are.
    HtmlReport.write(results);
    return ExitCodes.OK;
  }
}
